// Lays a printed document out on fixed-size sheets, so that every page carries the running
// head and "Page n of N", and a block (a contact, a runbook step) is not split across pages —
// unless it is taller than a whole sheet, which then grows so that nothing is cut off.
// The document works without it too: the browser's own page breaks then apply.
(() => {
  const flow = document.getElementById("flow");
  if (!flow) return;
  const head = document.body.dataset.head || "";
  const foot = document.body.dataset.foot || "";
  const pageLabel = document.body.dataset.pageLabel || "{n} / {total}";

  const sheets = [];
  const newSheet = () => {
    const sheet = document.createElement("section");
    sheet.className = "sheet";
    const top = document.createElement("div");
    top.className = "sheet-head";
    top.textContent = head;
    const body = document.createElement("div");
    body.className = "sheet-body";
    const bottom = document.createElement("div");
    bottom.className = "sheet-foot";
    const printed = document.createElement("span");
    printed.textContent = foot;
    const number = document.createElement("span");
    number.className = "page-number";
    bottom.append(printed, number);
    sheet.append(top, body, bottom);
    document.body.insertBefore(sheet, flow);
    sheets.push({ sheet, body, number });
    return body;
  };
  const overflows = (body) => body.scrollHeight > body.clientHeight + 1;

  const blocks = Array.from(flow.children);
  let body = newSheet();
  for (const block of blocks) {
    if (block.classList.contains("new-page") && body.children.length > 0) {
      body = newSheet();
    }
    body.append(block);
    if (!overflows(body) || body.children.length === 1) continue;
    // Move the block to a new sheet, with the headings that must stay with it.
    const moving = [block];
    let previous = block.previousElementSibling;
    while (previous?.classList.contains("keep-with-next") && moving.length < body.children.length - 1) {
      moving.unshift(previous);
      previous = previous.previousElementSibling;
    }
    body = newSheet();
    body.append(...moving);
  }
  // A block taller than a whole sheet keeps all its text: its sheet grows instead of cutting it.
  for (const { sheet, body } of sheets) {
    if (overflows(body)) sheet.classList.add("sheet-tall");
  }
  sheets.forEach(({ number }, index) => {
    number.textContent = pageLabel
      .replace("{n}", String(index + 1))
      .replace("{total}", String(sheets.length));
  });
  flow.remove();
  document.body.classList.add("paginated");
  document.body.dataset.pages = String(sheets.length);
})();
