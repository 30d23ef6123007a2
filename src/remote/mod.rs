//! Other machines: [`http`], the one HTTP client (authentication, time-outs, retries);
//! [`push`], our named graphs into another triple store through the Graph Store Protocol;
//! [`fetch`], the UN's Akoma Ntoso XML of resolutions from its repository into `data/`.

pub mod fetch;
pub mod http;
pub mod push;

pub use http::{Credentials, HttpError, Remote};
