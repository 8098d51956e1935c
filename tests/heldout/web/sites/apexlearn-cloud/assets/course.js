/* Apex course page: checkout buttons. */
document.addEventListener('click', function (ev) {
  var btn = ev.target.closest('[data-action="checkout"]');
  if (!btn) { return; }
  window.location.href = '/login?next=' + encodeURIComponent(window.location.pathname);
});
