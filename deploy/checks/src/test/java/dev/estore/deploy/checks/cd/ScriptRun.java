package dev.estore.deploy.checks.cd;

import dev.estore.deploy.checks.DeployFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a bash script of the repository with stand-in executables first on the PATH (a temporary folder holding
 * copies of src/test/resources/cd-stand-ins, plus any written by the test), which record their calls in a log.
 */
final class ScriptRun {

    record Result(int exit, String out, String err, List<String> calls) {

        /** The recorded calls that start with the given program name ("gcloud", "curl", "estore"). */
        List<String> callsOf(String program) {
            return calls.stream().filter(call -> call.startsWith(program + " ")).toList();
        }
    }

    private final Path dir;
    private final Path bin;
    private final Path log;
    private final Map<String, String> env = new HashMap<>();

    ScriptRun(Path dir) throws IOException {
        this.dir = dir;
        this.bin = Files.createDirectories(dir.resolve("bin"));
        this.log = dir.resolve("calls.log");
        Files.createDirectories(dir.resolve("state"));
        try (var standIns = Files.list(DeployFolder.deploy().resolve("checks/src/test/resources/cd-stand-ins"))) {
            for (Path standIn : standIns.toList()) {
                executable(Files.copy(standIn, bin.resolve(standIn.getFileName())));
            }
        }
        env.put("STANDIN_LOG", log.toString());
        env.put("STANDIN_STATE", dir.resolve("state").toString());
    }

    static boolean bashAndJqPresent() {
        return onPath("bash") && onPath("jq") && onPath("base64");
    }

    private static boolean onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }

    ScriptRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Adds a stand-in executable of the test's own. */
    ScriptRun standIn(String name, String script) throws IOException {
        executable(Files.writeString(bin.resolve(name), script));
        return this;
    }

    Path dir() {
        return dir;
    }

    Result run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", DeployFolder.root().resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DeployFolder.root().toFile());
        builder.environment().putAll(env);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        // The job's own variables must not leak into the scripts under test.
        builder.environment().remove("GITHUB_STEP_SUMMARY");
        builder.environment().remove("GITHUB_SHA");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within 60 s: " + Files.readString(err));
        }
        List<String> calls = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err), calls);
    }

    private static Path executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
