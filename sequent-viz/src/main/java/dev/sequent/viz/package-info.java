/**
 * Charts and reports of training runs and data, drawn with JFreeChart and written as PNG or as
 * SVG with real text (through Apache Batik's SVG generator), headless: {@link dev.sequent.viz.HistoryChart} draws the book's
 * training and validation curves from a {@code History.history()} map,
 * {@link dev.sequent.viz.SeriesChart} a value over time (the Jena temperature of figures
 * 6.18-6.19), and {@link dev.sequent.viz.RunReport} writes one self-contained HTML page about a
 * run with the curves inline. Every file is written atomically.
 */
package dev.sequent.viz;
