package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.measure.Machine;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** The machine a run measured on, as every JSON the launcher writes gives it (lab/README.md documents the fields). */
public final class MachineJson {

    private MachineJson() {}

    /** Writes {@code "machine": {"processors": .., "cgroup_cpu_quota": .., "jvm": .., "os": ..}} and leaves the object open. */
    public static void writeOpen(JsonGenerator json, Machine machine) throws IOException {
        json.writeObjectFieldStart("machine");
        json.writeNumberField("processors", machine.processors());
        json.writeStringField("cgroup_cpu_quota", machine.cgroupQuota());
        json.writeStringField("jvm", machine.jvm());
        json.writeStringField("os", machine.os());
    }

    /** The same, closed. */
    public static void write(JsonGenerator json, Machine machine) throws IOException {
        writeOpen(json, machine);
        json.writeEndObject();
    }
}
