// The evidence search page: checking a facet or choosing an order runs the search again at once.
// Without script, the page's Search and Apply buttons do the same.
document.addEventListener('change', function (event) {
  var field = event.target;
  if (field.matches && field.matches('[data-submit-on-change]') && field.form) field.form.requestSubmit();
});
