/** The report's only style sheet, inline: screen, and print on A4 landscape. */
export const htmlStyles = `
:root { color-scheme: light; --ink: #1b1f23; --muted: #57606a; --rule: #d0d7de; --flag: #9a6700;
  --guide: #4477aa; --shade: #eef2f7; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .4rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: .8rem 0 .2rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.verdict { font-weight: 700; padding: 0 .4rem; border-radius: .25rem; }
.verdict.clean { background: #dafbe1; color: #116329; }
.verdict.not-clean { background: #ffebe9; color: #a40e26; }
.notes { border-left: 4px solid var(--flag); padding: .3rem .8rem; background: #fff8c5; }
.notes p { margin: .2rem 0; }
section.how-to-read { border-left: 4px solid var(--guide); background: #f1f6fb; padding: .2rem 1rem .5rem; margin: 1rem 0; }
section.how-to-read h2 { border: 0; margin: .4rem 0; }
section.how-to-read p, section.how-to-read li { margin: .25rem 0; max-width: 60rem; }
p.about { color: var(--muted); margin: .2rem 0; font-size: .9rem; }
figure.report-table { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
.table-scroll { max-width: 100%; overflow-x: auto; margin-bottom: .5rem;
  /* Shadows at an edge with more table beyond it: they scroll away with the table's ends. */
  background: linear-gradient(to right, #fff 30%, #fff0) 0 0 / 2.5rem 100% no-repeat local,
    linear-gradient(to left, #fff 30%, #fff0) 100% 0 / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, #0003, #0000) 0 0 / .8rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, #0003, #0000) 100% 0 / .8rem 100% no-repeat scroll; }
.table-scroll:focus-visible { outline: 2px solid var(--guide); outline-offset: 2px; }
table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--rule); padding: .2rem .45rem; }
th { background: #f6f8fa; text-align: left; font-weight: 600; }
td { text-align: right; white-space: nowrap; }
td.total, tr.totals td, tr.totals th { font-weight: 700; background: #f6f8fa; }
td.suppressed { color: var(--flag); font-weight: 700; background: #fff8c5; }
td.counted { text-align: left; color: var(--muted); }
td.none { color: var(--muted); text-align: center; }
td.excluded { text-align: left; color: var(--muted); font-style: italic; white-space: normal; }
tr.incomplete > th, tr.incomplete > td, td[data-incomplete], th.incomplete { background-color: var(--shade); font-style: italic; }
.incomplete-mark { color: var(--flag); font-weight: 700; font-style: normal; padding-left: .1rem; cursor: help; }
table.overview th[scope="row"], table.comparison th[scope="row"] { font-weight: 500; min-width: 16rem; }
/* The intervention stays in view while its figures scroll sideways. */
table.overview th[scope="row"], table.comparison th[scope="row"] { position: sticky; left: 0; z-index: 1; }
table.overview thead th:first-child, table.comparison thead th:first-child { position: sticky; left: 0; z-index: 2; }
@media (max-width: 40rem) {
  body { padding: .8rem; }
  table.overview th[scope="row"], table.comparison th[scope="row"] { min-width: 10rem; }
}
table.overview a { color: inherit; }
table.overview tr.unit-row > th { padding-left: 1.6rem; font-weight: 400; color: var(--muted); }
table.overview tr.unit-row > td { color: var(--muted); }
table.overview thead th, table.comparison thead th { white-space: nowrap; }
p.incomplete-note { font-size: .85rem; color: var(--muted); margin: .2rem 0; }
svg.chart { display: block; width: 100%; max-width: 44rem; height: auto; }
svg.chart .bar.suppressed { fill: none; stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }
svg.chart .baseline { stroke: var(--muted); stroke-width: 1; }
svg.chart text { font: 10px system-ui, sans-serif; fill: var(--ink); }
svg.chart text.axis, svg.chart text.key { fill: var(--muted); }
svg.chart text.value.suppressed { fill: var(--flag); font-weight: 700; }
p.legend { font-size: .85rem; color: var(--muted); border-top: 1px solid var(--rule); padding-top: .3rem; }
ul.excluded { font-size: .9rem; }
@page { size: A4 landscape; margin: 10mm 10mm 12mm; }
@media print {
  html { font-size: 11px; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  .table-scroll { background: none; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: .6rem; }
  section.intervention { break-before: page; page-break-before: always; }
  section.how-to-read { padding: .1rem .6rem .3rem; }
  .table-scroll { overflow: visible; }
  table { font-size: 7pt; max-width: 100%; }
  table.overview, table.comparison { width: 100%; }
  th, td { padding: 1pt 2pt; }
  /* Headings wrap between words only: a column is as narrow as its longest word, so wide tables fit. */
  thead th { white-space: normal; overflow-wrap: break-word; }
  td { white-space: normal; }
  table.overview th[scope="row"], table.comparison th[scope="row"] { min-width: 0; width: 30%; }
  table.overview th, table.comparison th { position: static; }
  svg.chart { max-width: 170mm; }
  .verdict, td.suppressed, .notes, section.how-to-read, tr.incomplete > *, td[data-incomplete], th.incomplete {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
