// Tusk's pages work without this file; it adds the live parts. No inline scripts: the pages' CSP allows 'self' only.
(function () {
  'use strict';

  // htmx requests carry Spring Security's CSRF token when the page has one (meta tags rendered from ${_csrf})
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // the new-storage form shows the fields of the chosen type only, and only when "a new storage" is chosen
  function storageForm() {
    var type = document.querySelector('[data-storage-type]');
    if (!type) {
      return;
    }
    var fieldset = document.getElementById('new-storage');
    var update = function () {
      document.querySelectorAll('.type-fields').forEach(function (group) {
        group.hidden = group.getAttribute('data-type') !== type.value;
      });
      var choice = document.querySelector('input[name="storageChoice"]:checked');
      if (fieldset && document.querySelector('input[name="storageChoice"]')) {
        fieldset.hidden = !(choice && choice.value === 'new');
      }
    };
    type.addEventListener('change', update);
    document.querySelectorAll('input[name="storageChoice"]').forEach(function (radio) {
      radio.addEventListener('change', update);
    });
    update();
  }

  // the restore dialog warns before overwriting: only for an existing target
  function restoreWarning() {
    var warning = document.getElementById('overwrite-warning');
    if (!warning) {
      return;
    }
    var update = function () {
      var target = document.querySelector('input[name="target"]:checked');
      warning.hidden = !(target && target.getAttribute('data-overwrite') === 'true');
    };
    document.querySelectorAll('input[name="target"]').forEach(function (radio) {
      radio.addEventListener('change', update);
    });
    update();
  }

  // a schedule not yet entered starts in the browser's own time zone (the preview then follows it)
  function defaultZone() {
    var zone = document.querySelector('input[data-default-zone="true"]');
    if (!zone || !window.Intl) {
      return;
    }
    var own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (own && zone.value === 'UTC' && own !== 'UTC') {
      zone.value = own;
      zone.dispatchEvent(new Event('change', {bubbles: true}));
    }
  }

  // a run's live progress: Server-Sent Events from /runs/{id}/events, once a second; reload once it has ended
  function runProgress() {
    var panel = document.querySelector('[data-run-events]');
    if (!panel || !window.EventSource) {
      return;
    }
    var source = new EventSource(panel.getAttribute('data-run-events'));
    var lastEvent = Date.now();
    // the server sends an event every second: if they stop coming (a proxy that buffers, a dropped stream), the page
    // reloads, which shows the run as it is now and listens again
    var watchdog = window.setInterval(function () {
      if (Date.now() - lastEvent > 5000) {
        window.clearInterval(watchdog);
        source.close();
        window.location.reload();
      }
    }, 1000);
    var received = 0;
    var show = function (event) {
      lastEvent = Date.now();
      received += 1;
      panel.setAttribute('data-events', String(received));
      var run = JSON.parse(event.data);
      panel.querySelectorAll('[data-field]').forEach(function (element) {
        var name = element.getAttribute('data-field');
        if (!(name in run)) {
          return;
        }
        if (element.tagName === 'PROGRESS') {
          element.value = run[name];
        } else {
          element.textContent = run[name];
        }
      });
      return run;
    };
    source.addEventListener('progress', show);
    source.addEventListener('end', function (event) {
      show(event);
      window.clearInterval(watchdog);
      source.close();
      window.location.reload();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    storageForm();
    restoreWarning();
    defaultZone();
    runProgress();
  });
})();
