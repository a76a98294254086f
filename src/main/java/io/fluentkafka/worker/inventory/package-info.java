/**
 * Inventory positions gathered into Fluent's inventory batches (Job/Batch API, fluent-api.md §7): one open job per
 * connection, retailer and UTC day, and batches of many commands' positions, each posted once under the retry
 * policy of one member command's {@link io.fluentkafka.worker.command.Execution}, and optionally awaited until Fluent
 * shows it COMPLETE.
 */
package io.fluentkafka.worker.inventory;
