/**
 * Charts and reports of training runs: {@link dev.sequent.viz.HistoryChart} draws the book's
 * training and validation curves from a {@code History.history()} map as standalone SVG, and
 * writes an HTML page with one chart per metric and a table of the values per epoch. Plain JDK,
 * no plotting library, so a run can be inspected in any browser.
 */
package dev.sequent.viz;
