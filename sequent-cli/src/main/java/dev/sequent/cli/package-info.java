/**
 * The sequent command: list, summary, run, bench, and datasets (list, fetch, verify the
 * canonical archives in the download cache).
 */
package dev.sequent.cli;
