// Harbour Bank: a plain-JavaScript client of the demo's HTTP API. No build step, no external resources.
'use strict';

const state = {
    selected: null,      // the account number on screen
    account: null,       // its last loaded details
    history: [],         // its balance history points
    filter: null,        // the balance-below filter of the list
    transferPoll: null,  // the timer that follows pending transfers
    interestRunPoll: null, // the timer that follows running interest runs
    interestRunsRan: false, // a followed run was running at the last look
};

const $ = (selector) => document.querySelector(selector);

// ---------------------------------------------------------------- HTTP

class ApiError extends Error {
    constructor(status, title, detail) {
        super(detail || title || `The request failed (HTTP ${status}).`);
        this.status = status;
        this.title = title;
    }
}

async function api(method, path, body) {
    const options = {method, headers: {'Accept': 'application/json', 'X-User': 'web teller'}};
    if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(path, options);
    } catch (e) {
        throw new ApiError(0, 'Cannot reach the bank', 'The server cannot be reached. Is the demo still running?');
    }
    if (response.status === 204) {
        return null;
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        json = null;
    }
    if (!response.ok) {
        throw new ApiError(response.status, json && json.title, json && json.detail);
    }
    return json;
}

const accountPath = (number) => `/api/accounts/${encodeURIComponent(number)}`;

// ---------------------------------------------------------------- formatting

const moneyFormat = new Intl.NumberFormat('en-GB', {minimumFractionDigits: 2, maximumFractionDigits: 2});
const interestFormat = new Intl.NumberFormat('en-GB', {minimumFractionDigits: 2, maximumFractionDigits: 6});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const shortTimeFormat = new Intl.DateTimeFormat('en-GB', {hour: '2-digit', minute: '2-digit', second: '2-digit'});

function money(value) {
    return moneyFormat.format(cents(value));
}

/** The value rounded to cents, without the "-0.00" that a tiny negative rounding error would show. */
function cents(value) {
    return Math.round(Number(value) * 100) / 100 + 0;
}

function signedMoney(value) {
    const n = Number(value);
    return (n > 0 ? '+' : n < 0 ? '\u2212' : '') + money(Math.abs(n));
}

function setAmount(element, value, formatter = moneyFormat) {
    element.textContent = formatter.format(Number(value));
    element.classList.toggle('negative', Number(value) < 0);
}

function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (name === 'class') {
            element.className = value;
        } else {
            element.setAttribute(name, value);
        }
    }
    for (const child of children) {
        element.append(child);
    }
    return element;
}

// ---------------------------------------------------------------- messages

function toast(message, {error = false, title} = {}) {
    const box = el('div', {class: error ? 'toast error' : 'toast', role: error ? 'alert' : 'status'});
    if (title) {
        box.append(el('strong', {}, title));
    }
    box.append(message);
    $('#toasts').append(box);
    setTimeout(() => box.remove(), error ? 8000 : 4000);
}

function showError(error) {
    toast(error.message, {error: true, title: error.title || 'Something went wrong'});
}

/** Runs a form's action with its submit button disabled, reporting the outcome in words. */
async function submitting(form, action) {
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => b.disabled = true);
    try {
        await action();
    } catch (e) {
        showError(e);
    } finally {
        buttons.forEach((b) => b.disabled = false);
    }
}

function fieldsOf(form) {
    const values = {};
    for (const [name, value] of new FormData(form).entries()) {
        const text = String(value).trim();
        if (text !== '') {
            values[name] = text;
        }
    }
    return values;
}

/** A number field as a JSON number (validation of its decimals is the server's job, with a readable message). */
function numberOf(text) {
    return text === undefined ? undefined : Number(text);
}

// ---------------------------------------------------------------- account list

async function loadAccounts() {
    const query = state.filter !== null ? `?balanceBelow=${encodeURIComponent(state.filter)}` : '';
    const accounts = await api('GET', `/api/accounts${query}`);
    const list = $('#account-list');
    list.replaceChildren(...accounts.map((account) => {
        const amount = el('span', {class: 'amount'}, money(account.balance));
        amount.classList.toggle('negative', Number(account.balance) < 0);
        const button = el('button', {type: 'button', 'data-account': account.accountNumber},
            el('span', {class: 'number'}, account.accountNumber), amount,
            el('span', {class: 'client'}, account.clientName || ''));
        button.classList.toggle('selected', account.accountNumber === state.selected);
        button.addEventListener('click', () => selectAccount(account.accountNumber).catch(showError));
        return el('li', {}, button);
    }));
    $('#account-list-empty').hidden = accounts.length > 0;
    $('#account-list-empty').textContent = state.filter !== null
        ? `No account has a balance below ${money(state.filter)}.` : 'No accounts yet. Open one above.';
}

// ---------------------------------------------------------------- one account

async function selectAccount(number) {
    state.selected = number;
    document.querySelectorAll('#account-list button').forEach(
        (b) => b.classList.toggle('selected', b.dataset.account === number));
    await refreshAccount();
}

async function refreshAccount() {
    const number = state.selected;
    if (number === null) {
        return;
    }
    let details, events, history;
    try {
        [details, events, history] = await Promise.all([
            api('GET', accountPath(number)),
            api('GET', `${accountPath(number)}/events`),
            api('GET', `${accountPath(number)}/balance/history`),
        ]);
    } catch (e) {
        if (e.status === 404) {
            showNoAccount();
        }
        throw e;
    }
    if (number !== state.selected) {
        return; // another account was picked meanwhile
    }
    state.account = details;
    state.history = history;
    renderDetails(details);
    renderEvents(events);
    renderChart();
    $('#welcome').hidden = true;
    $('#account').hidden = false;
}

function showNoAccount() {
    state.selected = null;
    state.account = null;
    $('#account').hidden = true;
    $('#welcome').hidden = false;
}

function renderDetails(account) {
    $('#acc-number').textContent = account.accountNumber;
    $('#acc-client').textContent = account.clientName;
    $('#acc-sequence').textContent = account.sequenceNumber;
    $('#acc-beneficiary').textContent = account.beneficiary
        ? account.beneficiary.name + (account.beneficiary.countryOfResidence
        ? ` (${account.beneficiary.countryOfResidence})` : '')
        : 'none';
    $('#acc-low').hidden = !account.lowBalance;
    setAmount($('#acc-balance'), account.balance);
    setAmount($('#acc-overdraft'), account.overdraftLimit);
    setAmount($('#acc-available'), Number(account.balance) + Number(account.overdraftLimit));
    setAmount($('#acc-interest'), account.interestDue, interestFormat);
}

const EVENT_STYLES = {
    'Account Opened': 'setting',
    'Money Deposited': 'in',
    'Money Withdrawn': 'out',
    'Beneficiary Set': 'setting',
    'Overdraft Limit Set': 'setting',
    'Interest Accrued': 'interest',
    'Interest Paid': 'interest',
};

function describe(event) {
    const p = event.payload || {};
    switch (event.eventType) {
        case 'Account Opened':
            return `Opened for ${p.clientName}`;
        case 'Money Deposited':
            return signedMoney(p.amount);
        case 'Money Withdrawn':
            return signedMoney(-Number(p.amount));
        case 'Beneficiary Set':
            return p.name + (p.countryOfResidence ? ` (${p.countryOfResidence})` : '');
        case 'Overdraft Limit Set':
            return `Limit ${money(p.limit)}`;
        case 'Interest Accrued':
            return `${interestFormat.format(Number(p.amount))} at ${p.rate}/day for ${p.accruedOn}`;
        case 'Interest Paid':
            return signedMoney(p.amount);
        default:
            return JSON.stringify(p);
    }
}

function renderEvents(events) {
    const rows = [...events].reverse().map((event) => {
        const c = event.context || {};
        const context = [c.who && `by ${c.who}`, c.source && `from ${c.source}`, c.commentary && `\u201c${c.commentary}\u201d`]
            .filter(Boolean).join(' \u00b7 ');
        return el('tr', {'data-sequence': event.sequenceNumber},
            el('td', {class: 'num'}, String(event.sequenceNumber)),
            el('td', {class: 'when', title: event.writtenAt}, timeFormat.format(new Date(event.writtenAt))),
            el('td', {}, el('span', {class: `pill ${EVENT_STYLES[event.eventType] || ''}`}, event.eventType)),
            el('td', {}, describe(event)),
            el('td', {class: 'context'}, context));
    });
    $('#event-rows').replaceChildren(...rows);
}

// ---------------------------------------------------------------- chart

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) {
        element.setAttribute(name, value);
    }
    if (text !== undefined) {
        element.textContent = text;
    }
    return element;
}

/** A round axis from at most {@code low} to at least {@code high} in about four steps of 1, 2, 2.5 or 5 x 10^n. */
function niceScale(min, max) {
    const range = max > min ? max - min : Math.max(1, Math.abs(max));
    const raw = range / 4;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].find((f) => f * magnitude >= raw) * magnitude;
    let low = Math.floor(min / step) * step;
    let high = Math.ceil(max / step) * step;
    if (high === low) {
        high = low + step;
    }
    // Leave some air above the highest point, so the line does not run along the frame.
    if (high - max < step * 0.15) {
        high += step;
    }
    return {low, high, step};
}

/**
 * The balance after each event, as a step line: the balance holds until the next event moves it. Events are spaced
 * evenly (a demo writes them seconds apart, then nothing for days); the axis labels give their times.
 */
function renderChart() {
    const container = $('#chart');
    const points = state.history;
    const width = Math.max(container.clientWidth, 320);
    const height = 240;
    const pad = {left: 64, right: 16, top: 14, bottom: 30};
    const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-points': points.length});
    if (points.length === 0) {
        root.append(svg('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty'},
            'No balance movements yet.'));
        container.replaceChildren(root);
        return;
    }
    const limit = state.account ? Number(state.account.overdraftLimit) : 0;
    const values = points.map((p) => Number(p.balance));
    const {low, high, step} = niceScale(Math.min(0, -limit, ...values), Math.max(0, ...values));
    const plotWidth = width - pad.left - pad.right;
    const plotHeight = height - pad.top - pad.bottom;
    const x = (i) => pad.left + (points.length === 1 ? plotWidth / 2 : (i * plotWidth) / (points.length - 1));
    const y = (v) => pad.top + ((high - v) * plotHeight) / (high - low);

    for (let value = low; value <= high + step / 2; value += step) {
        root.append(svg('line', {class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value)}));
        root.append(svg('text', {x: pad.left - 8, y: y(value) + 4, 'text-anchor': 'end'}, money(value)));
    }
    root.append(svg('line', {class: 'zero', x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0)}));
    if (limit > 0) {
        root.append(svg('line', {class: 'limit', x1: pad.left, x2: width - pad.right, y1: y(-limit), y2: y(-limit)},
        ));
        root.append(svg('text', {x: width - pad.right, y: y(-limit) - 4, 'text-anchor': 'end'}, 'overdraft limit'));
    }
    let line = `M ${x(0)} ${y(values[0])}`;
    for (let i = 1; i < points.length; i++) {
        line += ` H ${x(i)} V ${y(values[i])}`;
    }
    const area = `${line} V ${y(Math.max(low, Math.min(0, high)))} H ${x(0)} Z`;
    root.append(svg('path', {class: 'area', d: area}));
    root.append(svg('path', {class: 'line', d: line}));
    const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(plotWidth / 90))));
    points.forEach((p, i) => {
        const dot = svg('circle', {class: 'point', cx: x(i), cy: y(values[i]), r: 4, 'data-balance': Number(p.balance).toFixed(2)});
        dot.append(svg('title', {}, `#${p.sequenceNumber} \u00b7 ${timeFormat.format(new Date(p.writtenAt))}\n`
            + `Balance ${money(p.balance)}`));
        root.append(dot);
        const last = i === points.length - 1;
        if (i % labelEvery === 0 || last) {
            const anchor = points.length === 1 ? 'middle' : i === 0 ? 'start' : last ? 'end' : 'middle';
            root.append(svg('text', {x: x(i), y: height - 10, 'text-anchor': anchor},
                shortTimeFormat.format(new Date(p.writtenAt))));
        }
    });
    root.append(svg('line', {class: 'axis', x1: pad.left, x2: pad.left, y1: pad.top, y2: height - pad.bottom}));
    container.replaceChildren(root);
}

// ---------------------------------------------------------------- actions

async function afterChange(message) {
    toast(message);
    await Promise.all([refreshAccount(), loadAccounts()]);
}

function onSubmit(selector, action) {
    const form = $(selector);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        submitting(form, () => action(form, fieldsOf(form)));
    });
}

function wireActions() {
    onSubmit('#open-form', async (form, f) => {
        const number = f.accountNumber;
        await api('POST', accountPath(number), {
            clientName: f.clientName, commentary: f.commentary, openingBalance: numberOf(f.openingBalance),
        });
        form.reset();
        state.selected = number;
        await afterChange(`Account ${number} opened.`);
    });
    onSubmit('#deposit-form', async (form, f) => {
        await api('POST', `${accountPath(state.selected)}/deposits`,
            {amount: numberOf(f.amount), source: f.source, commentary: f.commentary});
        form.reset();
        await afterChange(`Deposited ${money(f.amount)}.`);
    });
    onSubmit('#withdraw-form', async (form, f) => {
        await api('POST', `${accountPath(state.selected)}/withdrawals`,
            {amount: numberOf(f.amount), commentary: f.commentary});
        form.reset();
        await afterChange(`Withdrew ${money(f.amount)}.`);
    });
    onSubmit('#overdraft-form', async (form, f) => {
        await api('PUT', `${accountPath(state.selected)}/overdraft-limit`,
            {limit: numberOf(f.limit), commentary: f.commentary});
        form.reset();
        await afterChange(`Overdraft limit set to ${money(f.limit)}.`);
    });
    onSubmit('#beneficiary-form', async (form, f) => {
        await api('PUT', `${accountPath(state.selected)}/beneficiary`,
            {name: f.name, countryOfResidence: f.countryOfResidence});
        form.reset();
        await afterChange(`Beneficiary set to ${f.name}.`);
    });
    onSubmit('#interest-form', async (form, f) => {
        const accrued = await api('POST', `${accountPath(state.selected)}/interest/accruals`,
            {creditRate: numberOf(f.creditRate), debitRate: numberOf(f.debitRate)});
        await afterChange(`Accrued ${interestFormat.format(Number(accrued.amount))} interest for ${accrued.accruedOn}.`);
    });
    $('#pay-interest').addEventListener('click', () => submitting($('#interest-form'), async () => {
        const paid = await api('POST', `${accountPath(state.selected)}/interest/payments`);
        await afterChange(Number(paid.amount) === 0 ? 'No interest was due to pay.'
            : `Interest of ${signedMoney(paid.amount)} paid into the balance.`);
    }));
    $('#close-account').addEventListener('click', async () => {
        const number = state.selected;
        if (!window.confirm(`Close account ${number}? Its whole history is deleted.`)) {
            return;
        }
        try {
            await api('DELETE', accountPath(number));
            showNoAccount();
            toast(`Account ${number} closed.`);
            await loadAccounts();
        } catch (e) {
            showError(e);
        }
    });
    onSubmit('#asof-form', async (form, f) => {
        const instant = new Date(f.asOf);
        if (Number.isNaN(instant.getTime())) {
            throw new ApiError(400, 'Invalid date', 'Please enter a date and time.');
        }
        const result = await api('GET', `${accountPath(state.selected)}/balance?asOf=${encodeURIComponent(
            instant.toISOString())}`);
        $('#asof-result').textContent = `${money(result.balance)} after ${result.sequenceNumber} event(s)`;
    });
    onSubmit('#filter-form', async (form, f) => {
        state.filter = f.balanceBelow !== undefined ? f.balanceBelow : null;
        await loadAccounts();
    });
    $('#clear-filter').addEventListener('click', () => {
        $('#filter-form').reset();
        state.filter = null;
        loadAccounts().catch(showError);
    });
    $('#refresh-accounts').addEventListener('click', () => loadAccounts().catch(showError));
    $('#accrue-all').addEventListener('click', async () => {
        try {
            const started = await api('POST', '/api/interest/accrue-all');
            toast(`Interest run ${started.id} started.`, {title: 'Nightly interest'});
            await loadInterestRuns();
        } catch (e) {
            showError(e);
        }
    });
    let resizeTimer;
    window.addEventListener('resize', () => {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(() => state.selected !== null && renderChart(), 150);
    });
}

// ---------------------------------------------------------------- live activity

/**
 * Subscribes to the server's activity feed (server-sent events). The panel appears only when the server says the
 * feed is live, i.e. when the application receives change notifications.
 */
function subscribeToActivity() {
    if (!window.EventSource) {
        return;
    }
    const source = new EventSource('/api/activity');
    source.addEventListener('status', (message) => {
        const status = JSON.parse(message.data);
        $('#activity').hidden = !status.live;
        if (!status.live) {
            source.close();
        }
    });
    source.addEventListener('activity', (message) => {
        const activity = JSON.parse(message.data);
        const item = el('li', {}, `${shortTimeFormat.format(new Date(activity.at))} \u00b7 ${activity.description}`);
        $('#activity-list').prepend(item);
        while ($('#activity-list').children.length > 50) {
            $('#activity-list').lastElementChild.remove();
        }
        // Someone (maybe another user, maybe another application) changed an account: show it.
        later('accounts', () => loadAccounts());
        if (activity.accountNumber === state.selected) {
            later('account', () => refreshAccount());
        }
    });
}

const pending = {};

/** Runs the action once after a burst of calls (a burst of notifications causes one reload, not one each). */
function later(name, action) {
    clearTimeout(pending[name]);
    pending[name] = setTimeout(() => action().catch(() => {
    }), 250);
}

// ---------------------------------------------------------------- health

/** Shows whether the bank is ready: its readiness probe includes the accounts' storage (Spring Boot Actuator). */
async function showHealth() {
    let status = null;
    try {
        const response = await fetch('/actuator/health/readiness', {headers: {'Accept': 'application/json'}});
        status = (await response.json()).status;
    } catch (e) {
        status = null;
    }
    const badge = $('#health');
    badge.className = status === 'UP' ? 'health up' : 'health down';
    badge.textContent = status === 'UP' ? 'Ready' : status ? 'Storage unavailable' : 'Unreachable';
}

// ---------------------------------------------------------------- transfers

/** The latest transfers with their status and steps; pending ones are followed until they end. */
async function loadTransfers() {
    const transfers = await api('GET', '/api/transfers?limit=10');
    const list = $('#transfer-list');
    list.replaceChildren(...transfers.map((t) => {
        const steps = t.steps.map((s) => `${s.name} ${s.status}`).join(', ') || 'not started';
        let cancel = '';
        if (t.status === 'pending') {
            cancel = el('button', {class: 'button small ghost', type: 'button', title: 'Cancel this transfer'}, 'Cancel');
            cancel.addEventListener('click', () => api('DELETE', `/api/transfers/${encodeURIComponent(t.id)}`)
                .then(() => toast('Cancellation requested.')).then(loadTransfers).catch(showError));
        }
        return el('li', {class: 'transfer'},
            el('strong', {}, `${t.from} \u2192 ${t.to}: ${money(t.amount)}`), ' ',
            el('span', {class: `badge ${t.status}`}, t.status + (t.reason ? ` (${t.reason})` : '')),
            el('div', {class: 'muted'}, steps), cancel);
    }));
    $('#transfer-list-empty').hidden = transfers.length > 0;
    clearTimeout(state.transferPoll);
    if (transfers.some((t) => t.status === 'pending')) {
        // Followed once a second until each ends; the balances shown change with them.
        state.transferPoll = setTimeout(() => loadTransfers().then(() => afterTransfers()).catch(showError), 1000);
    }
}

async function afterTransfers() {
    await Promise.all([state.selected ? refreshAccount() : Promise.resolve(), loadAccounts()]);
}

function wireTransfers() {
    onSubmit('#transfer-form', async (form, f) => {
        const started = await api('POST', '/api/transfers',
            {from: f.from, to: f.to, amount: numberOf(f.amount), commentary: f.commentary});
        form.reset();
        toast(`Transfer ${started.id} ${started.status}.`);
        await loadTransfers();
    });
    $('#refresh-transfers').addEventListener('click', () => loadTransfers().catch(showError));
}

// ---------------------------------------------------------------- interest runs

/** The latest interest runs with their counts; running ones are followed until they complete. */
async function loadInterestRuns() {
    const runs = await api('GET', '/api/interest/runs?limit=5');
    $('#interest-run-list').replaceChildren(...runs.map((r) => el('li', {class: 'run'},
        el('strong', {}, r.id), ' ',
        el('span', {class: `badge ${r.status}`}, r.status),
        el('div', {class: 'muted'}, `${r.accrued} accrued, ${r.skipped} skipped, ${r.failed} failed`))));
    $('#interest-run-list-empty').hidden = runs.length > 0;
    clearTimeout(state.interestRunPoll);
    if (runs.some((r) => r.status === 'running')) {
        state.interestRunPoll = setTimeout(() => loadInterestRuns().then(() => state.interestRunsRan = true)
            .catch(showError), 1000);
    } else if (state.interestRunsRan) {
        // A run just completed: the interest due shown changed with it.
        state.interestRunsRan = false;
        await Promise.all([state.selected ? refreshAccount() : Promise.resolve(), loadAccounts()]);
    }
}

// ---------------------------------------------------------------- highest balance

/** Starts a highest-balance query and follows it until it completes. */
async function findHighestBalance() {
    const shown = $('#highest-balance-result');
    const started = await api('POST', '/api/queries/highest-balance');
    shown.hidden = false;
    shown.replaceChildren(el('span', {class: 'badge running'}, 'running'), ` Query ${started.id}…`);
    let query = await api('GET', `/api/queries/${encodeURIComponent(started.id)}`);
    while (query.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 500));
        query = await api('GET', `/api/queries/${encodeURIComponent(started.id)}`);
    }
    const badge = el('span', {class: `badge ${query.status}`}, query.status);
    if (query.result === null) {
        shown.replaceChildren(badge, ` Query ${query.id}: no account has a balance.`);
        return;
    }
    const account = el('button', {class: 'link', type: 'button'}, query.result.accountNumber);
    account.addEventListener('click', () => selectAccount(query.result.accountNumber).catch(showError));
    shown.replaceChildren(badge, ` Query ${query.id}: `, account, ' holds the highest balance, ',
        el('strong', {class: 'amount'}, money(query.result.balance)), '.');
}

// ---------------------------------------------------------------- start

wireActions();
wireTransfers();
loadAccounts().catch(showError);
loadTransfers().catch(showError);
loadInterestRuns().catch(showError);
$('#refresh-interest-runs').addEventListener('click', () => loadInterestRuns().catch(showError));
$('#highest-balance').addEventListener('click', () => findHighestBalance().catch(showError));
subscribeToActivity();
showHealth();
setInterval(showHealth, 30000);
