// A table marked data-live="running" (a run in progress) refreshes itself from the same address every few seconds,
// without reloading the page, until none of its rows is running. A file of its own: the pages allow no inline script.
(() => {
    const every = 3000;
    let table = document.querySelector('table[data-live="running"]');
    if (!table) {
        return;
    }

    const selector = 'table.' + [...table.classList].join('.');
    const refresh = async () => {
        try {
            const response = await fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
            if (response.ok) {
                const page = new DOMParser().parseFromString(await response.text(), 'text/html');
                const fresh = page.querySelector(selector);
                if (!fresh) {
                    return;
                }

                const adopted = document.importNode(fresh, true);
                table.replaceWith(adopted);
                table = adopted;
                if (table.dataset.live !== 'running') {
                    return;
                }
            }
        } catch {
            // Offline for a moment, or the session ended: try again at the next tick.
        }

        setTimeout(refresh, every);
    };
    setTimeout(refresh, every);
})();
