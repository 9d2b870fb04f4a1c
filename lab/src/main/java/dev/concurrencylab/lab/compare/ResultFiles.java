package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.measure.Machine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Locale;

/** A comparison's data beside its page: the raw samples and the speedups as CSV, and everything as JSON. */
final class ResultFiles {

    private ResultFiles() {}

    static String samplesCsv(Results results) {
        StringBuilder csv = new StringBuilder("workload,contender,workers,round,wall_seconds,cpu_seconds,free_cores\n");
        for (Results.Sample s : results.samples()) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%s,%s%n", s.workload().id, s.contender().id(),
                    s.workers(), s.round(), s.wallSeconds(),
                    Double.isNaN(s.cpuSeconds()) ? "" : String.format(Locale.ROOT, "%.6f", s.cpuSeconds()),
                    Double.isNaN(s.freeCores()) ? "" : String.format(Locale.ROOT, "%.2f", s.freeCores())));
        }
        return csv.toString();
    }

    static String speedupsCsv(Results results) {
        StringBuilder csv = new StringBuilder(
                "workload,contender,workers,ideal,speedup_median,speedup_min,speedup_max,parallelism_median,amdahl_p\n");
        for (Results.SpeedupRow row : results.speedupRows()) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.0f,%.4f,%.4f,%.4f,%s,%s%n", row.workload().id,
                    row.contender().id(), row.workers(), row.ideal(), row.speedup().median(), row.speedup().min(),
                    row.speedup().max(), row.parallelism().map(v -> String.format(Locale.ROOT, "%.3f", v.median())).orElse(""),
                    row.amdahl().map(v -> String.format(Locale.ROOT, "%.4f", v)).orElse("")));
        }
        return csv.toString();
    }

    static void writeJson(Writer writer, Results results, String commandLine, Instant written) throws IOException {
        Machine machine = results.machine();
        Settings settings = results.settings();
        try (JsonGenerator json = new JsonFactory().createGenerator(writer)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeStringField("written", written.toString());
            json.writeStringField("command", commandLine);
            MachineJson.writeOpen(json, machine); // the Python interpreters go inside it
            json.writeArrayFieldStart("pythons");
            for (PythonInterpreter python : results.pythons()) {
                json.writeStartObject();
                json.writeStringField("name", python.name());
                json.writeStringField("executable", python.facts().executable().toString());
                json.writeStringField("version", python.facts().version());
                json.writeBooleanField("gil_enabled", python.facts().gilEnabled());
                json.writeStringField("default_start_method", python.facts().defaultStartMethod());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeObjectFieldStart("settings");
            json.writeBooleanField("quick", settings.quick());
            json.writeNumberField("rounds", settings.rounds());
            json.writeArrayFieldStart("worker_counts");
            for (int n : settings.workerCounts()) {
                json.writeNumber(n);
            }
            json.writeEndArray();
            json.writeNumberField("sleep_total_seconds", settings.sleepTotal().toMillis() / 1000.0);
            json.writeNumberField("cpu_work_seconds", settings.cpuWork().toMillis() / 1000.0);
            json.writeEndObject();
            if (!results.pythonNotes().isEmpty()) {
                json.writeArrayFieldStart("python_notes");
                for (String note : results.pythonNotes()) {
                    json.writeString(note);
                }
                json.writeEndArray();
            }
            json.writeArrayFieldStart("speedups");
            for (Results.SpeedupRow row : results.speedupRows()) {
                json.writeStartObject();
                json.writeStringField("workload", row.workload().id);
                json.writeStringField("contender", row.contender().id());
                json.writeNumberField("workers", row.workers());
                json.writeNumberField("ideal", row.ideal());
                json.writeNumberField("median", row.speedup().median());
                json.writeNumberField("min", row.speedup().min());
                json.writeNumberField("max", row.speedup().max());
                if (row.parallelism().isPresent()) {
                    json.writeNumberField("parallelism", row.parallelism().get().median());
                }
                if (row.amdahl().isPresent()) {
                    json.writeNumberField("amdahl_p", row.amdahl().get());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("samples");
            for (Results.Sample s : results.samples()) {
                json.writeStartObject();
                json.writeStringField("workload", s.workload().id);
                json.writeStringField("contender", s.contender().id());
                json.writeNumberField("workers", s.workers());
                json.writeNumberField("round", s.round());
                json.writeNumberField("wall_seconds", s.wallSeconds());
                if (!Double.isNaN(s.cpuSeconds())) {
                    json.writeNumberField("cpu_seconds", s.cpuSeconds());
                }
                if (!Double.isNaN(s.freeCores())) {
                    json.writeNumberField("free_cores", s.freeCores());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
