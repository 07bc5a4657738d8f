/* The feedback page: fills in the page the visitor came from (?page=) and any reason
   (?reason=), offers the reasons for a service's page only, writes them into the e-mail link
   when there is no form, and shows a form's errors in one summary at the top. */
(function () {
  'use strict';
  // The page's words in another language are on this script's tag (data-i18n); English is here.
  var said = Object.assign({
    page: 'Page: {page}', notGiven: '(not given)', reason: 'What is wrong: {reason}',
    area: 'Which part of the Local Offer: {area}', subject: 'Local Offer feedback',
    subjectWhy: 'Local Offer feedback: {reason}', message: 'My message:',
    chooseArea: 'Choose which part of the Local Offer it is about', enterFeedback: 'Enter your feedback',
    enterEmail: 'Enter an email address like name@example.com', errorTitle: 'Error: {title}',
    problem: 'There is a problem', error: 'Error:'
  }, JSON.parse(document.currentScript.getAttribute('data-i18n') || '{}'));
  var fill = function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  };
  var params = new URLSearchParams(location.search);
  var from = params.get('page') || '';
  var page = document.getElementById('fb-page');
  var reasons = document.getElementById('fb-reasons');
  var chooser = document.getElementById('fb-choose');
  var form = document.getElementById('fb-form');
  if (!page) return;
  if (from.charAt(0) === '/' && from.charAt(1) !== '/') page.value = new URL(from, location.href).href;

  function checked(name) {
    var input = document.querySelector('input[name="' + name + '"]:checked');
    return input ? {value: input.value, label: document.querySelector('label[for="' + input.id + '"]').textContent} : null;
  }

  function pick(name, value) {
    var input = document.querySelector('input[name="' + name + '"][value="' + value + '"]');
    if (input) input.checked = true;
  }

  function aboutAService() {
    try {
      return /\/services\/[a-z0-9-]+\/(easy-read\/)?$/.test(new URL(page.value, location.href).pathname);
    } catch (err) {
      return false;
    }
  }

  pick('reason', params.get('reason') || '');
  if (from) pick('area', 'content');

  function update() {
    if (reasons) reasons.hidden = !aboutAService() && !checked('reason');
    var link = document.getElementById('fb-mailto');
    if (!link) return;
    var reason = checked('reason');
    var area = checked('area');
    var why = reason && !reasons.hidden;
    var body = fill(said.page, {page: page.value || said.notGiven}) + '\n';
    if (why) body += fill(said.reason, {reason: reason.label}) + '\n';
    if (area) body += fill(said.area, {area: area.label}) + '\n';
    var subject = why ? fill(said.subjectWhy, {reason: reason.label}) : said.subject;
    link.href = 'mailto:' + link.getAttribute('data-to') + '?subject=' + encodeURIComponent(subject) +
      '&body=' + encodeURIComponent(body + '\n' + said.message + '\n');
  }

  (form || chooser).addEventListener('change', update);
  page.addEventListener('input', update);
  if (chooser) chooser.hidden = false;
  update();
  if (!form) return;

  /* Errors in the GOV.UK pattern: a summary that takes focus, linking to each field, and
     the message again by the field. Without this script the browser checks the form itself. */
  form.noValidate = true;
  var title = document.title;
  form.addEventListener('submit', function (event) {
    form.querySelectorAll('.error-summary, .error-message').forEach(function (n) { n.remove(); });
    form.querySelectorAll('.has-error').forEach(function (n) { n.classList.remove('has-error'); });
    var errors = [];
    var area = form.querySelector('input[name="area"]');
    if (area && area.required && !checked('area')) errors.push([area, said.chooseArea]);
    var message = document.getElementById('fb-message');
    if (!message.value.trim()) errors.push([message, said.enterFeedback]);
    var email = document.getElementById('fb-email');
    if (email.value && email.validity.typeMismatch) errors.push([email, said.enterEmail]);
    if (!errors.length) { document.title = title; return; }
    event.preventDefault();
    document.title = fill(said.errorTitle, {title: title});
    var summary = document.createElement('div');
    summary.className = 'error-summary';
    summary.tabIndex = -1;
    summary.innerHTML = '<div role="alert"><h2></h2><ul></ul></div>';
    summary.querySelector('h2').textContent = said.problem;
    errors.forEach(function (e) {
      var field = e[0];
      var group = field.closest('fieldset') || field.parentNode;
      var note = document.createElement('p');
      note.className = 'error-message';
      note.id = field.id + '-error';
      note.innerHTML = '<span class="visually-hidden"></span> ';
      note.firstChild.textContent = said.error;
      note.appendChild(document.createTextNode(e[1]));
      group.classList.add('has-error');
      var before = group.matches('fieldset') ? group.querySelector('legend').nextSibling : field;
      group.insertBefore(note, before);
      var targets = group.matches('fieldset') ? group.querySelectorAll('input') : [field];
      targets.forEach(function (t) { t.setAttribute('aria-describedby', note.id); });
      var link = document.createElement('a');
      link.href = '#' + field.id;
      link.textContent = e[1];
      link.addEventListener('click', function (click) {
        click.preventDefault();
        field.focus();
        (group.querySelector('legend') || group).scrollIntoView();
      });
      summary.querySelector('ul').appendChild(document.createElement('li')).appendChild(link);
    });
    form.insertBefore(summary, form.firstChild);
    summary.focus();
  });
})();
