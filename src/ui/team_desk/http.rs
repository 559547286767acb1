//! The team desk's requests to its CouchDB server, through the browser's `fetch` on the app's
//! own origin (the CSP's `connect-src 'self'`; the server is proxied under it). The session is
//! CouchDB's `AuthSession` cookie, which the browser sends with each same-origin request.

/// An answer from the server: its HTTP status and body.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    /// Whether the status is 2xx.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The server could not be reached (no network, the server down): the request did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreachable;

/// Sends a request with a JSON body (or none) and reads the whole answer.
#[cfg(target_arch = "wasm32")]
pub async fn request(method: &str, url: &str, body: Option<&str>) -> Result<Answer, Unreachable> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    // The answer is always fresh: a sync round must never see a cached `_changes`.
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(|_| Unreachable)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(Unreachable)?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| Unreachable)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| Unreachable)?;
    let text = response.text().map_err(|_| Unreachable)?;
    let text = JsFuture::from(text).await.map_err(|_| Unreachable)?;
    Ok(Answer {
        status: response.status(),
        body: text.as_string().unwrap_or_default(),
    })
}

/// Natively there is no network: every request is unreachable.
#[cfg(not(target_arch = "wasm32"))]
pub async fn request(
    _method: &str,
    _url: &str,
    _body: Option<&str>,
) -> Result<Answer, Unreachable> {
    Err(Unreachable)
}

/// The server's root (where `_session` lives) for a database URL: `/couchdb/desk` → `/couchdb`.
pub fn server_root(database: &str) -> &str {
    let trimmed = database.trim_end_matches('/');
    trimmed.rsplit_once('/').map_or("", |(root, _)| root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_root_is_the_database_urls_parent() {
        assert_eq!(server_root("/couchdb/desk"), "/couchdb");
        assert_eq!(server_root("/couchdb/desk/"), "/couchdb");
        assert_eq!(server_root("/desk"), "");
    }
}
