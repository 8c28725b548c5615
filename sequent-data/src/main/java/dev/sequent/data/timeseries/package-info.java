/**
 * Timeseries tools for section 6.3 of Deep Learning with Python: {@link
 * dev.sequent.data.timeseries.Standardizer} (listing 6.32's normalization with training-range
 * statistics), {@link dev.sequent.data.timeseries.LookbackGenerator} (listing 6.33's generator),
 * {@link dev.sequent.data.timeseries.TimeseriesDataset} (Keras 3's
 * {@code timeseries_dataset_from_array}), {@link dev.sequent.data.timeseries.NaiveForecast}
 * (listing 6.35's common-sense baseline) and {@link dev.sequent.data.timeseries.SamplingInterval}
 * (windows stated in durations, converted to rows by the data's own interval).
 * {@link dev.sequent.data.timeseries.JenaForecast} puts them together as section 6.3 does, in
 * durations, so the same code runs on the 10-minute Jena file and on the hourly copy.
 *
 * <p>The generators build each batch on the fly from one shared {@code (rows, features)} matrix,
 * so the heavily overlapping samples are never materialized; they refill the same batch tensors
 * on every call, so training from them allocates nothing per step.
 */
package dev.sequent.data.timeseries;
