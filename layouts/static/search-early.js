// Runs before the search page is first drawn: says JavaScript works, and whether a search is
// coming, so the page keeps room for the results instead of moving when they arrive.
document.documentElement.classList.add("js");
if (/[?&](q|theme|age|need|cost|area)=[^&]/.test(location.search)) document.documentElement.classList.add("has-q");
