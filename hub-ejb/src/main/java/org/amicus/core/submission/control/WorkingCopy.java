package org.amicus.core.submission.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A working copy of an evidence image without the metadata that can identify where, when and with what it was taken
 * (docs/submissions.md, "Working copies"): EXIF (with GPS position, time, camera and serial number), XMP, IPTC and
 * Photoshop blocks, comments, embedded thumbnails and further images (MPF), text chunks and anything after the image.
 * The original is never altered; the copy is made as a stream, in constant memory, each time it is asked for, and is
 * the same bytes every time.
 *
 * <p>Kept, because the picture needs them to look as it does: JPEG frame, tables, scans and restart markers, the
 * JFIF header (without its thumbnail), ICC colour profiles and the Adobe colour-transform segment; PNG critical
 * chunks and the ancillary chunks that affect rendering (transparency, gamma, chromaticities, sRGB, ICC profile,
 * significant bits, background, physical pixel size, histogram, suggested palettes, animation). Everything else is
 * removed: an unknown segment or chunk could carry anything.
 */
public final class WorkingCopy {

    /** The formats a working copy can be made of. */
    public enum Format {
        JPEG,
        PNG
    }

    /**
     * What making the copy removed, by kind ({@code exif}, {@code exif-gps} for EXIF with a GPS position, {@code xmp},
     * {@code iptc}, {@code comment}, {@code thumbnail}, {@code mpf}, {@code text}, {@code time}, {@code
     * data-after-image}, {@code appN} or {@code chunk-XXXX} for other blocks), and the copy's length in bytes.
     */
    public record Result(Set<String> removed, long length) {}

    private WorkingCopy() {}

    /** The format of a file of {@code mediaType}, if a working copy can be made of it. */
    public static Optional<Format> formatOf(String mediaType) {
        String m = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT).strip();
        int semicolon = m.indexOf(';');
        if (semicolon >= 0) {
            m = m.substring(0, semicolon).strip();
        }
        return switch (m) {
            case "image/jpeg", "image/jpg", "image/pjpeg" -> Optional.of(Format.JPEG);
            case "image/png" -> Optional.of(Format.PNG);
            default -> Optional.empty();
        };
    }

    /**
     * Writes the working copy of {@code original} to {@code out}.
     *
     * @throws MalformedImageException if {@code original} is not a well-formed image of {@code format} (what was
     *     written so far is not a working copy)
     * @throws IOException if reading or writing fails
     */
    public static Result write(Format format, InputStream original, OutputStream out) throws IOException {
        Counting counted = new Counting(new java.io.BufferedOutputStream(out, 64 * 1024));
        Set<String> removed = new TreeSet<>();
        BufferedInputStream in = new BufferedInputStream(original, 64 * 1024);
        switch (format) {
            case JPEG -> jpeg(in, counted, removed);
            case PNG -> png(in, counted, removed);
        }
        counted.flush();
        return new Result(removed, counted.count);
    }

    /** The file is not the image its media type says, or is damaged. */
    public static final class MalformedImageException extends IOException {
        private static final long serialVersionUID = 1L;

        public MalformedImageException(String message) {
            super(message);
        }
    }

    // ---- JPEG (ITU T.81, JFIF, Exif 2.3, CIPA DC-007 MPF)

    private static void jpeg(InputStream in, OutputStream out, Set<String> removed) throws IOException {
        if (in.read() != 0xFF || in.read() != 0xD8) {
            throw new MalformedImageException("not a JPEG image (no start-of-image marker)");
        }
        out.write(0xFF);
        out.write(0xD8);
        boolean scanning = false; // inside entropy-coded data, after a start-of-scan segment
        boolean framed = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new MalformedImageException("the JPEG image ends before its end-of-image marker");
            }
            if (scanning && b != 0xFF) {
                out.write(b);
                continue;
            }
            if (b != 0xFF) {
                throw new MalformedImageException("a JPEG segment was expected and something else found");
            }
            int marker = in.read();
            while (marker == 0xFF) { // fill bytes
                marker = in.read();
            }
            if (marker < 0) {
                throw new MalformedImageException("the JPEG image ends inside a marker");
            }
            if (scanning && (marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7))) {
                out.write(0xFF); // a stuffed byte or a restart marker: part of the scan
                out.write(marker);
                continue;
            }
            if (marker == 0xD9) { // end of image: anything after it (trailers, further images) is dropped
                if (!framed) {
                    throw new MalformedImageException("the JPEG image has no frame");
                }
                out.write(0xFF);
                out.write(0xD9);
                if (in.read() >= 0) {
                    removed.add("data-after-image");
                }
                return;
            }
            if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                out.write(0xFF);
                out.write(marker);
                continue; // markers without a length
            }
            scanning = false;
            int length = (readByte(in) << 8) | readByte(in);
            if (length < 2) {
                throw new MalformedImageException("a JPEG segment has an impossible length");
            }
            byte[] payload = readFully(in, length - 2);
            String drop = jpegSegmentDropped(marker, payload);
            if (drop != null) {
                removed.add(drop);
            } else if (marker == 0xE0 && startsWith(payload, "JFIF\0") && payload.length >= 14) {
                // the JFIF header without its thumbnail
                byte[] header = Arrays.copyOf(payload, 14);
                header[12] = 0;
                header[13] = 0;
                if (payload.length > 14) {
                    removed.add("thumbnail");
                }
                segment(out, marker, header);
            } else {
                segment(out, marker, payload);
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    framed = true;
                }
                if (marker == 0xDA) {
                    if (!framed) {
                        throw new MalformedImageException("a JPEG scan comes before its frame");
                    }
                    scanning = true;
                }
            }
        }
    }

    /** Why a JPEG segment is left out of the working copy, or null if it is kept. */
    private static String jpegSegmentDropped(int marker, byte[] payload) {
        if (marker == 0xFE) {
            return "comment";
        }
        if (marker < 0xE0 || marker > 0xEF) {
            return null; // frame, tables, scan, restart interval: the picture itself
        }
        return switch (marker) {
            case 0xE0 -> startsWith(payload, "JFIF\0") ? null : "thumbnail"; // JFXX: a thumbnail
            case 0xE1 ->
                startsWith(payload, "Exif\0")
                        ? (containsGps(payload) ? "exif-gps" : "exif")
                        : startsWith(payload, "http://ns.adobe.com/") ? "xmp" : "app1";
            case 0xE2 -> startsWith(payload, "ICC_PROFILE\0") ? null : startsWith(payload, "MPF\0") ? "mpf" : "app2";
            case 0xED -> "iptc";
            case 0xEE -> startsWith(payload, "Adobe") ? null : "app14";
            default -> "app" + (marker - 0xE0);
        };
    }

    /** Whether an EXIF block has a GPS directory (tag 0x8825 in its first directory). */
    private static boolean containsGps(byte[] exif) {
        int tiff = 6;
        if (exif.length < tiff + 8) {
            return false;
        }
        boolean little = exif[tiff] == 'I';
        int ifd = (int) u32(exif, tiff + 4, little);
        int at = tiff + ifd;
        if (ifd < 8 || at + 2 > exif.length) {
            return false;
        }
        int entries = u16(exif, at, little);
        for (int i = 0; i < entries && at + 2 + 12 * (i + 1) <= exif.length; i++) {
            if (u16(exif, at + 2 + 12 * i, little) == 0x8825) {
                return true;
            }
        }
        return false;
    }

    private static void segment(OutputStream out, int marker, byte[] payload) throws IOException {
        int length = payload.length + 2;
        if (length > 0xFFFF) {
            throw new MalformedImageException("a JPEG segment is too long");
        }
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload);
    }

    // ---- PNG (ISO/IEC 15948, PNG 3rd edition)

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Ancillary chunks that change how the image looks; every other ancillary chunk is removed. */
    private static final Set<String> PNG_RENDERING = Set.of(
            "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "hIST", "sPLT", "cICP", "mDCV", "cLLI",
            "acTL", "fcTL", "fdAT");

    private static void png(InputStream in, OutputStream out, Set<String> removed) throws IOException {
        byte[] signature = readFully(in, 8);
        if (!Arrays.equals(signature, PNG_SIGNATURE)) {
            throw new MalformedImageException("not a PNG image (no PNG signature)");
        }
        out.write(signature);
        boolean header = false;
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            byte[] lengthAndType = readFully(in, 8);
            long length = u32(lengthAndType, 0, false);
            String type = new String(lengthAndType, 4, 4, StandardCharsets.ISO_8859_1);
            if (length > Integer.MAX_VALUE || !type.chars().allMatch(Character::isLetter)) {
                throw new MalformedImageException("a PNG chunk is malformed");
            }
            if (!header && !type.equals("IHDR")) {
                throw new MalformedImageException("a PNG image starts with its header chunk");
            }
            header = true;
            boolean critical = Character.isUpperCase(type.charAt(0));
            boolean keep = critical || PNG_RENDERING.contains(type);
            if (keep) {
                out.write(lengthAndType);
            } else {
                removed.add(pngRemoved(type));
            }
            long left = length + 4; // data and CRC, copied as they are (a copied chunk keeps its CRC)
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new MalformedImageException("the PNG image ends inside a chunk");
                }
                if (keep) {
                    out.write(buffer, 0, n);
                }
                left -= n;
            }
            if (type.equals("IEND")) {
                if (in.read() >= 0) {
                    removed.add("data-after-image");
                }
                return;
            }
        }
    }

    private static String pngRemoved(String type) {
        return switch (type) {
            case "tEXt", "zTXt", "iTXt" -> "text";
            case "eXIf" -> "exif";
            case "tIME" -> "time";
            default -> "chunk-" + type;
        };
    }

    // ---- bytes

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new MalformedImageException("the image ends inside a segment");
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new MalformedImageException("the image ends inside a segment");
        }
        return b;
    }

    private static boolean startsWith(byte[] payload, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        return payload.length >= p.length && Arrays.equals(payload, 0, p.length, p, 0, p.length);
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int shift = little ? 8 * i : 8 * (3 - i);
            v |= (long) (b[at + i] & 0xFF) << shift;
        }
        return v;
    }

    /** Counts what is written. */
    private static final class Counting extends java.io.FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
