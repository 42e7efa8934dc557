// The "Copy pass" button of the page that shows a new Temporary Access Pass once. Without script, or
// where the clipboard is unavailable, the pass stays selectable with one click (user-select: all).
(function () {
  'use strict';
  var button = document.getElementById('copy-pass');
  var pass = document.getElementById('pass');
  var status = document.getElementById('copy-status');
  if (!button || !pass || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(pass.textContent.trim()).then(function () {
      status.textContent = 'Copied.';
    }, function () {
      status.textContent = 'Your browser refused; select the pass and copy it.';
    });
  });
}());
