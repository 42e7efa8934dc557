// Passkey ceremonies for Latchkey's pages: sign-in (discoverable) and registration on My Security Info.
// Talks to Spring Security's WebAuthn endpoints; no inline script, so the pages keep a strict CSP.
(function () {
  "use strict";

  function encode(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return window.btoa(text).replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
  }

  function decode(base64url) {
    var text = window.atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function csrfHeaders() {
    var token = document.querySelector("meta[name='_csrf']");
    var header = document.querySelector("meta[name='_csrf_header']");
    var headers = { "Content-Type": "application/json" };
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function post(url, body) {
    return fetch(url, { method: "POST", headers: csrfHeaders(), body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin" });
  }

  function show(element, message) {
    element.textContent = message;
    element.hidden = false;
  }

  async function signIn(status) {
    var optionsResponse = await post("/webauthn/authenticate/options");
    if (!optionsResponse.ok) {
      throw new Error("options " + optionsResponse.status);
    }
    var options = await optionsResponse.json();
    options.challenge = decode(options.challenge);
    options.allowCredentials = (options.allowCredentials || []).map(function (c) {
      return Object.assign({}, c, { id: decode(c.id) });
    });
    var credential = await navigator.credentials.get({ publicKey: options });
    var response = credential.response;
    var answer = await post("/login/webauthn", {
      id: credential.id,
      rawId: encode(credential.rawId),
      response: {
        authenticatorData: encode(response.authenticatorData),
        clientDataJSON: encode(response.clientDataJSON),
        signature: encode(response.signature),
        userHandle: response.userHandle ? encode(response.userHandle) : undefined
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    });
    var result = await answer.json();
    if (answer.ok && result.authenticated) {
      window.location.href = result.redirectUrl;
      return;
    }
    show(status, result.message || "That passkey didn't work.");
  }

  async function register(label, status) {
    var optionsResponse = await post("/webauthn/register/options");
    if (!optionsResponse.ok) {
      var refusal = await optionsResponse.json().catch(function () { return {}; });
      show(status, refusal.message || "You can't add a passkey right now. Reload the page to see why.");
      return;
    }
    var options = await optionsResponse.json();
    options.challenge = decode(options.challenge);
    options.user = Object.assign({}, options.user, { id: decode(options.user.id) });
    options.excludeCredentials = (options.excludeCredentials || []).map(function (c) {
      return Object.assign({}, c, { id: decode(c.id) });
    });
    var created = await navigator.credentials.create({ publicKey: options });
    var answer = await post("/webauthn/register", {
      publicKey: {
        credential: {
          id: created.id,
          rawId: encode(created.rawId),
          response: {
            attestationObject: encode(created.response.attestationObject),
            clientDataJSON: encode(created.response.clientDataJSON),
            transports: created.response.getTransports ? created.response.getTransports() : []
          },
          type: created.type,
          clientExtensionResults: created.getClientExtensionResults(),
          authenticatorAttachment: created.authenticatorAttachment
        },
        label: label
      }
    });
    var result = await answer.json().catch(function () { return {}; });
    if (answer.ok && result.success) {
      window.location.href = "/security-info?added";
      return;
    }
    show(status, result.message || "Your key was not accepted. It may not be allowed by your organization; try another key.");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var signInButton = document.getElementById("passkey-signin");
    if (signInButton) {
      signInButton.addEventListener("click", function () {
        var status = document.getElementById("passkey-status");
        status.hidden = true;
        signIn(status).catch(function () {
          show(status, "That passkey didn't work. Try again, or sign in with a Temporary Access Pass.");
        });
      });
    }
    var form = document.getElementById("passkey-register");
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var status = document.getElementById("passkey-register-status");
        status.hidden = true;
        var label = document.getElementById("passkey-name").value.trim();
        if (!label) {
          show(status, "Give your passkey a name, such as 'Blue YubiKey'.");
          return;
        }
        register(label, status).catch(function () {
          show(status, "The passkey wasn't created. Try again, or use another key.");
        });
      });
    }
  });
})();
