/** The report's only style sheet, inline: screen, and print on A4. */
export const htmlStyles = `
:root { color-scheme: light; --ink: #1b1f23; --muted: #57606a; --rule: #d0d7de; --flag: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .4rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.verdict { font-weight: 700; padding: 0 .4rem; border-radius: .25rem; }
.verdict.clean { background: #dafbe1; color: #116329; }
.verdict.not-clean { background: #ffebe9; color: #a40e26; }
.notes { border-left: 4px solid var(--flag); padding: .3rem .8rem; background: #fff8c5; }
.notes p { margin: .2rem 0; }
nav ol { columns: 2; font-size: .9rem; }
p.about { color: var(--muted); margin: .2rem 0; font-size: .9rem; }
figure.report-table { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; margin-bottom: .5rem; }
th, td { border: 1px solid var(--rule); padding: .2rem .45rem; }
th { background: #f6f8fa; text-align: left; font-weight: 600; }
td { text-align: right; }
td.total, tr.totals td, tr.totals th { font-weight: 700; background: #f6f8fa; }
td.suppressed { color: var(--flag); font-weight: 700; background: #fff8c5; }
svg.chart { display: block; width: 100%; max-width: 40rem; height: auto; }
svg.chart .bar.suppressed { fill: none; stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }
svg.chart .baseline { stroke: var(--muted); stroke-width: 1; }
svg.chart text { font: 10px system-ui, sans-serif; fill: var(--ink); }
svg.chart text.axis, svg.chart text.key { fill: var(--muted); }
svg.chart text.value.suppressed { fill: var(--flag); font-weight: 700; }
p.legend { font-size: .85rem; color: var(--muted); border-top: 1px solid var(--rule); padding-top: .3rem; }
ul.excluded { font-size: .9rem; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.intervention { break-before: page; page-break-before: always; }
  nav { display: none; }
  table { font-size: 8pt; }
  th, td { padding: 1pt 3pt; }
  svg.chart { max-width: 150mm; }
  .verdict, td.suppressed, .notes { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
