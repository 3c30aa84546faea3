// Reads a Leerpoort login card with the camera (jsQR, in the browser: no image leaves the device)
// and submits the token it holds. Without a camera the typed-code form still works.
'use strict';
(function () {
  var video = document.getElementById('camera');
  var status = document.getElementById('camera-status');
  var form = document.getElementById('card-form');
  var input = document.getElementById('token');
  if (!video || !navigator.mediaDevices?.getUserMedia || typeof jsQR !== 'function') return;
  var canvas = document.createElement('canvas');
  var context = canvas.getContext('2d', { willReadFrequently: true });
  var done = false;
  function scan() {
    if (done) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code && /^LP1\./.test(code.data)) {
        done = true;
        status.textContent = 'Kaart gelezen… / Card read…';
        input.value = code.data;
        video.srcObject.getTracks().forEach(function (t) {
          t.stop();
        });
        form.submit();
        return;
      }
    }
    setTimeout(scan, 150);
  }
  navigator.mediaDevices
    .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
    .then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      status.textContent = 'Camera staat aan. / Camera is on.';
      return video.play();
    })
    .then(scan)
    .catch(function () {
      status.textContent = 'Geen camera beschikbaar: typ de code. / No camera available: type the code.';
    });
})();
