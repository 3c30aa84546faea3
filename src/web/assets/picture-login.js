// Picture password: each click adds a picture; the form is sent when enough pictures are chosen
// (or when "Klaar" is pressed, so the server can explain a sequence of the wrong length).
'use strict';
document.querySelectorAll('[data-picture-form]').forEach(function (form) {
  var input = form.querySelector('input[name=sequence]');
  var progress = form.querySelector('[data-progress]');
  var need = Number(form.getAttribute('data-length'));
  var picks = [];
  function show() {
    input.value = picks.join(',');
    progress.textContent = '●'.repeat(picks.length) + '○'.repeat(Math.max(0, need - picks.length));
    progress.setAttribute('aria-label', picks.length + ' / ' + need);
  }
  form.querySelectorAll('button[data-picture]').forEach(function (button) {
    button.addEventListener('click', function () {
      if (picks.length >= need) return;
      picks.push(button.getAttribute('data-picture'));
      show();
      if (picks.length === need) form.submit();
    });
  });
  var clear = form.querySelector('[data-clear]');
  if (clear)
    clear.addEventListener('click', function () {
      picks = [];
      show();
    });
  show();
});
