/**
 * Charts and reports of training runs.
 */
package dev.sequent.viz;
