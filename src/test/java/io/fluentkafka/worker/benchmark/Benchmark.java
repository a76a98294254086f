package io.fluentkafka.worker.benchmark;

import ch.qos.logback.classic.Level;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.CommandMix;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.kafka.KafkaBroker;

import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The throughput benchmark ({@code mvn -Pbenchmark}; see the README): a real broker, the Fluent simulator
 * answering after a set latency, and the worker as a child process from the built jar, run on the same workload
 * three times: one record at a time per partition (the conventional baseline), the default key-ordered
 * concurrency, and the default again with a share of calls throttled (429, {@code Retry-After: 1}). Prints one
 * line per run and, last, a machine-readable summary.
 *
 * <p>Settings (system properties): {@code benchmark.commands} (20000), {@code benchmark.warmup-seconds} (45 s of
 * commands first, not measured), {@code benchmark.kinds} (which commands, in turn; by default the five kinds of steps 1-3), {@code benchmark.latency-ms} (50),
 * {@code benchmark.partitions} (6 per command topic), {@code benchmark.fault-rate} (0.05; 0 skips that run),
 * {@code benchmark.runs} (which of baseline,concurrent,faults to run; all by default),
 * {@code benchmark.worker-jvm-options} (extra options for the worker's JVM, e.g. a flight recording), and
 * {@code benchmark.set.<key>} for any worker property (e.g. {@code -Dbenchmark.set.worker.max-in-flight=512}).
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        // the in-process broker logs every partition it creates; only the figures matter here
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        AvroTrust.ensure();
        int commands = Integer.getInteger("benchmark.commands", 20_000);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("benchmark.warmup-seconds", 45));
        List<String> kindNames = List.of(System.getProperty("benchmark.kinds", String.join(",", CommandMix.KINDS)).split(","));
        List<Integer> kinds = kindNames.stream().map(name -> {
            int index = CommandMix.KINDS.indexOf(name.trim());
            if (index < 0) {
                throw new IllegalArgumentException("benchmark.kinds: unknown command " + name + "; known: " + CommandMix.KINDS);
            }
            return index;
        }).toList();
        Duration latency = Duration.ofMillis(Integer.getInteger("benchmark.latency-ms", 50));
        int partitions = Integer.getInteger("benchmark.partitions", 6);
        double faultRate = Double.parseDouble(System.getProperty("benchmark.fault-rate", "0.05"));
        Path logs = Files.createDirectories(Path.of("target", "benchmark"));

        System.out.printf("benchmark: %d commands (%s; %d distinct keys) after %d s to warm up, %d partitions per topic, Fluent latency %d ms%n",
                commands, String.join(", ", kindNames), BenchmarkRun.distinctKeys(commands), warmup.toSeconds(), partitions, latency.toMillis());
        try (FluentSimulator fluent = FluentSimulator.start()) {
            fluent.latency(latency);
            BenchmarkRun.Settings settings = new BenchmarkRun.Settings(KafkaBroker.bootstrapServers(), fluent, commands, warmup, kinds, partitions, logs);
            String runs = System.getProperty("benchmark.runs", "baseline,concurrent,faults");
            RunResult baseline = null;
            if (runs.contains("baseline")) {
                baseline = BenchmarkRun.run(settings, "baseline", "one record at a time per partition", Map.of("worker.ordering", "partition"));
                print(baseline);
            }
            RunResult concurrent = BenchmarkRun.run(settings, "concurrent", "key-ordered, worker.max-in-flight default", Map.of());
            print(concurrent);
            if (faultRate > 0 && runs.contains("faults")) {
                fluent.faultRates(0, faultRate, 0, Duration.ZERO);
                RunResult faulty = BenchmarkRun.run(settings, "faults", String.format(Locale.ROOT, "as concurrent, %.0f%% of calls answered 429 with Retry-After: 1", faultRate * 100),
                        Map.of());
                fluent.faultRates(0, 0, 0, Duration.ZERO);
                print(faulty);
                System.out.printf(Locale.ROOT, "with faults: %.0f%% of the fault-free throughput%n", 100 * faulty.throughput() / concurrent.throughput());
            }
            double baselineThroughput = baseline == null ? Double.NaN : baseline.throughput();
            System.out.printf(Locale.ROOT, "throughput=%.0f baseline=%.0f ratio=%.1f p99_ms=%d cpu_ms_per_1k=%.0f token_requests=%d%n",
                    concurrent.throughput(), baselineThroughput, concurrent.throughput() / baselineThroughput,
                    concurrent.p99Ms(), concurrent.cpuMsPer1k(), concurrent.tokenRequests());
        }
        KafkaBroker.stop();
        System.out.flush();
        Runtime.getRuntime().halt(0); // the broker's leftover threads are not daemons, and its hooks have run
    }

    private static void print(RunResult result) {
        System.out.printf(Locale.ROOT, "%-10s %-60s %6.0f cmd/s  p50 %5d ms  p99 %5d ms  cpu %4.0f ms/1k (rig %4.0f)  tokens %d  peak heap %d MB%n",
                result.name(), result.description(), result.throughput(), result.p50Ms(), result.p99Ms(), result.cpuMsPer1k(), result.rigCpuMsPer1k(),
                result.tokenRequests(), result.peakHeapMb());
    }

    /** One run's figures; latency is produce to reply, per command; rig CPU is this JVM's (broker, simulator, producer). */
    record RunResult(String name, String description, double throughput, long p50Ms, long p99Ms, double cpuMsPer1k,
                     double rigCpuMsPer1k, int tokenRequests, long peakHeapMb) {
    }
}
