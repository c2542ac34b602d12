package org.amicus.core.submission.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.amicus.core.submission.control.WorkingCopy.Format;
import org.amicus.core.submission.control.WorkingCopy.MalformedImageException;
import org.junit.jupiter.api.Test;

class WorkingCopyTest {

    private static final String PLACE = "Northern district, 36.1911 N 44.0092 E";

    @Test
    void aPhotosPositionCameraCommentsAndTrailersAreRemovedAndThePictureStaysTheSame() throws Exception {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] plain = jpeg(picture(), progressive);
            byte[] original = withPhoneMetadata(plain);
            byte[] before = original.clone();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            WorkingCopy.Result r = WorkingCopy.write(Format.JPEG, new ByteArrayInputStream(original), out);
            byte[] copy = out.toByteArray();

            assertArrayEquals(before, original, "the original is never altered");
            assertEquals(
                    Set.of("comment", "data-after-image", "exif-gps", "iptc", "mpf", "thumbnail", "xmp"), r.removed());
            assertEquals(copy.length, r.length());
            for (String gone : new String[] {"Exif", "GPS", "Pixel 7", PLACE, "xmpmeta", "Photoshop", "MPF", "JFXX"}) {
                assertFalse(contains(copy, gone), gone + " is gone");
            }
            assertTrue(contains(copy, "ICC_PROFILE"), "the colour profile stays");
            assertTrue(contains(copy, "Adobe"), "the colour transform stays");
            assertSamePixels(
                    ImageIO.read(new ByteArrayInputStream(original)), ImageIO.read(new ByteArrayInputStream(copy)));

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            WorkingCopy.write(Format.JPEG, new ByteArrayInputStream(original), again);
            assertArrayEquals(copy, again.toByteArray(), "the same working copy every time");
        }
    }

    @Test
    void aPngLosesItsTextTimeAndExifChunksButNotItsPixels() throws Exception {
        BufferedImage picture = picture();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        byte[] plain = png.toByteArray();
        int iend = plain.length - 12;
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        original.write(plain, 0, iend);
        original.write(chunk("tEXt", ("Location\0" + PLACE).getBytes(StandardCharsets.ISO_8859_1)));
        original.write(chunk("tIME", new byte[] {0x07, (byte) 0xEA, 3, 11, 10, 5, 0}));
        original.write(chunk("eXIf", "MM\0*GPS".getBytes(StandardCharsets.ISO_8859_1)));
        original.write(chunk("prVt", "camera serial 12345".getBytes(StandardCharsets.ISO_8859_1)));
        original.write(plain, iend, 12);
        original.write("trailing".getBytes(StandardCharsets.ISO_8859_1));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkingCopy.Result r = WorkingCopy.write(Format.PNG, new ByteArrayInputStream(original.toByteArray()), out);

        assertEquals(Set.of("chunk-prVt", "data-after-image", "exif", "text", "time"), r.removed());
        assertArrayEquals(plain, out.toByteArray(), "exactly the image ImageIO wrote");
        assertSamePixels(picture, ImageIO.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void whatIsNotTheImageItClaimsIsRefused() throws Exception {
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        for (Format f : Format.values()) {
            assertThrows(
                    MalformedImageException.class,
                    () -> WorkingCopy.write(f, new ByteArrayInputStream(random), new ByteArrayOutputStream()));
        }
        byte[] jpeg = jpeg(picture(), false);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThrows(
                MalformedImageException.class,
                () -> WorkingCopy.write(Format.JPEG, new ByteArrayInputStream(cut), new ByteArrayOutputStream()));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture(), "png", png);
        byte[] cutPng = Arrays.copyOf(png.toByteArray(), png.size() - 20);
        assertThrows(
                MalformedImageException.class,
                () -> WorkingCopy.write(Format.PNG, new ByteArrayInputStream(cutPng), new ByteArrayOutputStream()));
    }

    @Test
    void onlyImagesOfKnownFormatsHaveWorkingCopies() {
        assertEquals(Optional.of(Format.JPEG), WorkingCopy.formatOf("image/jpeg"));
        assertEquals(Optional.of(Format.JPEG), WorkingCopy.formatOf(" Image/JPEG; q=1"));
        assertEquals(Optional.of(Format.PNG), WorkingCopy.formatOf("image/png"));
        assertEquals(Optional.empty(), WorkingCopy.formatOf("video/mp4"));
        assertEquals(Optional.empty(), WorkingCopy.formatOf("application/pdf"));
        assertEquals(Optional.empty(), WorkingCopy.formatOf(null));
    }

    // ---- what a phone's camera writes, in the order it writes it

    private static byte[] withPhoneMetadata(byte[] jpeg) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(jpeg, 0, 2); // SOI
        int at = 2;
        int jfif = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF)) - 2;
        o.write(jpeg, at, jfif); // ImageIO's JFIF header
        at += jfif;
        o.write(segment(0xE0, concat("JFXX\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0x10, 1, 2, 3})));
        o.write(segment(0xE1, exifWithGps()));
        o.write(segment(
                0xE1,
                ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:description>" + PLACE + "</dc:description></x:xmpmeta>")
                        .getBytes(StandardCharsets.UTF_8)));
        byte[] srgb = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB)
                .getData();
        o.write(segment(
                0xE2, concat(concat("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {1, 1}), srgb)));
        o.write(segment(0xE2, concat("MPF\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {'M', 'M', 0, 42})));
        o.write(segment(0xED, ("Photoshop 3.0\0" + PLACE).getBytes(StandardCharsets.ISO_8859_1)));
        o.write(segment(
                0xEE, concat("Adobe".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 100, 0, 0, 0, 0, 1})));
        o.write(segment(0xFE, ("taken at " + PLACE).getBytes(StandardCharsets.ISO_8859_1)));
        o.write(jpeg, at, jpeg.length - at);
        o.write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 8});
        o.write("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)); // a second image's EXIF after the first one ends
        return o.toByteArray();
    }

    /** A minimal EXIF block: big-endian TIFF, first directory with Make "Pixel 7" and a GPS directory pointer. */
    private static byte[] exifWithGps() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        b.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        b.putShort((short) 0x010F).putShort((short) 2).putInt(8).putInt(38); // Make, ASCII, at offset 38
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(46); // GPS IFD pointer
        b.putInt(0);
        b.put("Pixel 7\0".getBytes(StandardCharsets.ISO_8859_1));
        b.put("GPS".getBytes(StandardCharsets.ISO_8859_1));
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] segment(int marker, byte[] payload) {
        int length = payload.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, payload);
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static BufferedImage picture() {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x + y) * 2));
            }
        }
        return img;
    }

    private static byte[] jpeg(BufferedImage img, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            if (progressive) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
