/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Damaged files fail with an IOException that names the file and the damage. */
class ModelFileCorruptionTest {

    @TempDir Path dir;

    private NDManager manager;
    private Path file;
    private float[] input;
    private float[] expected;

    @BeforeAll
    static void register() {
        TestNets.registerFlatten();
    }

    @BeforeEach
    void saveGoodFile() throws IOException {
        manager = NDManager.newBaseManager();
        SequentialBlock net = TestNets.cnn(4);
        net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
        input = TestNets.randomInput(manager);
        expected = TestNets.infer(net, manager, input);
        file = dir.resolve("net.fai");
        ModelFile.save(net, file);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void rewritingTheFrameKeepsAGoodFileGood() throws IOException {
        // The helper the tests below use to damage one section must not damage anything else.
        reframe(UnaryOperator.identity(), UnaryOperator.identity());
        Block loaded = ModelFile.load(file, manager);
        assertArrayEquals(expected, TestNets.infer(loaded, manager, input), 1e-6f);
    }

    @Test
    void truncatedFilesSayTheyAreTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int specEnd = ModelFileFormat.HEADER_BYTES + ByteBuffer.wrap(bytes, 12, 4).getInt();
        int[] cuts = {
            0,
            5,
            12,
            specEnd / 2,
            specEnd + 40,
            bytes.length / 2,
            bytes.length - 6,
            bytes.length - 1
        };
        for (int cut : cuts) {
            Path cutFile = dir.resolve("cut-" + cut + ".fai");
            Files.write(cutFile, Arrays.copyOf(bytes, cut));

            IOException e = assertThrows(IOException.class, () -> ModelFile.load(cutFile, manager));

            assertTrue(e.getMessage().contains(cutFile.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), cut + ": " + e.getMessage());
        }
    }

    @Test
    void wrongMagicIsNotAModelFile() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] = 'X';
        Files.write(file, bytes);

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, manager));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a fasterai4j model file"), e.getMessage());
        assertTrue(e.getMessage().contains("magic 'FAI4JMDL'"), e.getMessage());
    }

    @Test
    void aPlainDjlParameterFileIsNotAModelFile() throws IOException {
        SequentialBlock net = TestNets.cnn(4);
        net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
        Path djlFile = dir.resolve("net.params");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(djlFile))) {
            net.saveParameters(out);
        }

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(djlFile, manager));

        assertTrue(e.getMessage().contains("not a fasterai4j model file"), e.getMessage());
    }

    @Test
    void aNewerFormatVersionIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(ModelFileFormat.MAGIC.length, 2);
        Files.write(file, bytes);

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, manager));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("unsupported format version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("reads version 1"), e.getMessage());
    }

    @Test
    void aFlippedParameterByteFailsTheChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 100] ^= 0x10;
        Files.write(file, bytes);

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, manager));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("damaged: its CRC-32"), e.getMessage());
    }

    @Test
    void jsonCutShortIsReported() throws IOException {
        reframe(spec -> spec.substring(0, spec.length() / 2), UnaryOperator.identity());

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, manager));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void parametersCutShortAreReported() throws IOException {
        reframe(UnaryOperator.identity(), params -> Arrays.copyOf(params, params.length - 100));

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, manager));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("parameters end before"), e.getMessage());
    }

    @Test
    void bytesAfterTheLastParameterAreReported() throws IOException {
        reframe(UnaryOperator.identity(), params -> Arrays.copyOf(params, params.length + 7));

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, manager));

        assertTrue(e.getMessage().contains("7 bytes of parameters are left"), e.getMessage());
    }

    @Test
    void anUnknownTypeIsNamedWithItsPathAndTheRegisteredTypes() throws IOException {
        reframe(
                spec -> spec.replace("\"djl.Dropout\"", "\"acme.Dropout9\""),
                UnaryOperator.identity());

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, manager));

        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("unknown block type 'acme.Dropout9'"), message);
        assertTrue(message.contains("at path '05Dropout'"), message);
        assertTrue(message.contains("djl.Conv2d"), message);
        assertTrue(message.contains("test.Flatten"), message);
    }

    @Test
    void aMalformedSettingIsNamedWithItsPath() throws IOException {
        reframe(
                spec -> spec.replace("\"filters\":4", "\"filters\":\"four\""),
                UnaryOperator.identity());

        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, manager));

        assertTrue(e.getMessage().contains("at path '01Conv2d'"), e.getMessage());
        assertTrue(e.getMessage().contains("'filters' must be a number"), e.getMessage());
    }

    @Test
    void aMissingFileNamesTheFile() {
        Path missing = dir.resolve("missing.fai");

        NoSuchFileException e =
                assertThrows(NoSuchFileException.class, () -> ModelFile.load(missing, manager));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    // Rewrites the file with a changed spec or parameter section and a correct frame and CRC.
    private void reframe(UnaryOperator<String> spec, UnaryOperator<byte[]> parameters)
            throws IOException {
        ModelFileReader.Sections sections = ModelFileReader.read(file);
        byte[] bytes = Files.readAllBytes(file);
        int start = (int) sections.parameterOffset();
        byte[] oldParameters =
                Arrays.copyOfRange(bytes, start, start + (int) sections.parameterLength());
        byte[] newParameters = parameters.apply(oldParameters);
        byte[] newSpec = spec.apply(sections.spec()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFileFormat.write(out, newSpec, data -> data.write(newParameters));
        Files.write(file, out.toByteArray());
    }
}
