/**
 * Models (Sequential), compiling, fit, evaluate, predict, summaries and training history.
 */
package dev.sequent.models;
