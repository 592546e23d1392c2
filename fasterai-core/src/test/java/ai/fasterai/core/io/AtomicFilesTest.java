/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A failed write leaves the old file and no temporary file behind; a written file has the
 * permissions of a plain write.
 */
class AtomicFilesTest {

    @Test
    void failedWriteKeepsTheOldContent(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub/model.params");
        AtomicFiles.write(target, out -> out.write("good".getBytes(StandardCharsets.UTF_8)));
        assertEquals("good", Files.readString(target));
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFiles.write(
                                        target,
                                        out -> {
                                            out.write("half".getBytes(StandardCharsets.UTF_8));
                                            throw new IOException("disk full");
                                        }));
        assertTrue(e.getMessage().contains("model.params"), e.getMessage());
        assertEquals("good", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void writtenFileGetsThePermissionsOfAPlainWrite(@TempDir Path dir) throws IOException {
        // A temporary file's owner-only permissions must not stay on the result.
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path target = dir.resolve("report.html");
        AtomicFiles.write(target, out -> out.write('x'));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }
}
