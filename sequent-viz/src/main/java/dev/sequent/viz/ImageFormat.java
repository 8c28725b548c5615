package dev.sequent.viz;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** The image formats a {@link Chart} can be written in, told apart by the file name's extension. */
public enum ImageFormat {
    /** A bitmap at the chart's size, for documents and viewers that take no SVG. */
    PNG("png"),
    /** A vector drawing with real text elements, sharp at any zoom and searchable. */
    SVG("svg");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension without the dot: {@code png} or {@code svg}. */
    public String extension() {
        return extension;
    }

    /**
     * The format a file name asks for, by its extension in any case ({@code loss.PNG} is PNG).
     *
     * @throws IllegalArgumentException naming the file and the extensions understood when the
     *     name ends otherwise: writing a PNG into {@code chart.jpg} would only mislead
     */
    public static ImageFormat of(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        String ext = dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            if (f.extension.equals(ext)) {
                return f;
            }
        }
        throw new IllegalArgumentException("cannot tell the image format of '" + file + "': expected a name ending in .png or .svg, got "
                + (ext.isEmpty() ? "no extension" : "'." + ext + "'"));
    }
}
