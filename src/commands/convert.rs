//! The clap → domain conversions, in one place: the library never sees a clap type, and a
//! command file turns its `*Args` into domain values with these.

use crate::adaptive::estimators::EstimatorKind;
use crate::adaptive::quiz::Length;
use crate::catalog::Structure;
use crate::cli::{EstimatorArg, FormatArg, LengthArg, PreferenceArg, StructureArg};
use crate::reports::Format;
use crate::sheet::Preference;

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
        }
    }
}

impl From<LengthArg> for Length {
    fn from(length: LengthArg) -> Length {
        match length {
            LengthArg::Quick => Length::Quick,
            LengthArg::Standard => Length::Standard,
            LengthArg::Thorough => Length::Thorough,
        }
    }
}

impl From<StructureArg> for Structure {
    fn from(structure: StructureArg) -> Structure {
        match structure {
            StructureArg::Structured => Structure::Structured,
            StructureArg::SelfDirected => Structure::SelfDirected,
            StructureArg::Mixed => Structure::Mixed,
        }
    }
}

impl From<PreferenceArg> for Preference {
    fn from(preference: PreferenceArg) -> Preference {
        match preference {
            PreferenceArg::InPerson => Preference::InPerson,
            PreferenceArg::Online => Preference::Online,
            PreferenceArg::Mentor => Preference::Mentor,
            PreferenceArg::Peers => Preference::Peers,
            PreferenceArg::CareerServices => Preference::CareerServices,
            PreferenceArg::Video => Preference::Video,
            PreferenceArg::Reading => Preference::Reading,
            PreferenceArg::Projects => Preference::Projects,
        }
    }
}

impl From<EstimatorArg> for EstimatorKind {
    fn from(estimator: EstimatorArg) -> EstimatorKind {
        match estimator {
            EstimatorArg::Mle => EstimatorKind::Mle,
            EstimatorArg::Eap => EstimatorKind::Eap,
        }
    }
}
