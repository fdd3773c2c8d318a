// The few things the console asks the browser: its time zone (IANA id) and saving a text file (CSV export).
window.aiConsole = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || null,
  download: (name, type, text) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  },
};

// The skip link moves focus to the content on the same page (with <base href="/">, "#main" would otherwise be a
// navigation to the overview): handled in the capture phase, before Blazor's link interception.
document.addEventListener('click', (e) => {
  const skip = e.target instanceof Element ? e.target.closest('.skip-link') : null;
  if (!skip) return;
  e.preventDefault();
  e.stopPropagation();
  const main = document.getElementById('main');
  if (main) main.focus();
}, true);
