// Sign in (and the first-run setup) through the JSON API: POST /api/v1/setup then /api/v1/login, then the dashboard.
(function () {
  var form = document.getElementById('sign-in');
  if (!form) {
    return;
  }
  var error = document.getElementById('sign-in-error');

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      credentials: 'same-origin',
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.ok) {
        return response;
      }
      return response.json().catch(function () { return {}; }).then(function (problem) {
        throw new Error(problem.detail || ('the server answered ' + response.status));
      });
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.hidden = true;
    var credentials = {username: form.username.value, password: form.password.value};
    var first = form.getAttribute('data-mode') === 'setup' ? post('/api/v1/setup', credentials) : Promise.resolve();
    first.then(function () {
      return post('/api/v1/login', credentials);
    }).then(function () {
      window.location.assign('/');
    }).catch(function (e) {
      error.textContent = e.message;
      error.hidden = false;
      form.password.focus();
    });
  });
})();
