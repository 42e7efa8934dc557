package dev.latchkey.cli.onboard;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import dev.latchkey.cli.config.OwnerOnlyFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Writes a QR code PNG per onboarded user, {@code <userPrincipalName>.png}, of the sign-in URL. The pass is
 * never put in the code: a QR code is read by phone cameras and apps that may keep what they scan, and the
 * pass must only ever travel as typed text. Every file is created with mode 600 in a directory of mode 700
 * (when the CLI creates it). ZXing is used here and nowhere else.
 */
final class QrCodes {

  private static final int MODULE_PIXELS = 8;
  private static final int QUIET_ZONE_MODULES = 4;
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9@._+-]");

  private final Path directory;
  private final Map<String, byte[]> pngs = new ConcurrentHashMap<>();

  private QrCodes(Path directory) {
    this.directory = directory;
  }

  /** QR codes in {@code directory}, which is created (mode 700) when missing. */
  static QrCodes in(Path directory) throws IOException {
    OwnerOnlyFiles.createDirectory(directory);
    return new QrCodes(directory);
  }

  /** Writes (or rewrites) the user's PNG of {@code signInUrl} and returns its path. */
  Path write(String userPrincipalName, String signInUrl) throws IOException {
    Path file = directory.resolve(fileName(userPrincipalName));
    Files.deleteIfExists(file);
    OwnerOnlyFiles.createFile(file);
    Files.write(file, pngs.computeIfAbsent(signInUrl, QrCodes::png));
    return file;
  }

  /** {@code alice@example.com.png}; characters a file name shouldn't hold become {@code _}. */
  static String fileName(String userPrincipalName) {
    return UNSAFE.matcher(userPrincipalName).replaceAll("_") + ".png";
  }

  /** The PNG bytes of a QR code of {@code text}. */
  static byte[] png(String text) {
    try {
      BitMatrix modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
      BufferedImage image = new BufferedImage(modules.getWidth() * MODULE_PIXELS,
          modules.getHeight() * MODULE_PIXELS, BufferedImage.TYPE_BYTE_BINARY);
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          boolean dark = modules.get(x / MODULE_PIXELS, y / MODULE_PIXELS);
          image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      return png.toByteArray();
    } catch (WriterException e) {
      throw new IllegalArgumentException("Can't make a QR code of " + text + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
