package dev.imbytes.internal.colour;

import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The 8-bit conversion between two matrix/TRC RGB profiles (Display P3, Adobe RGB, ProPhoto,
 * sRGB...), done in Java the way LittleCMS's own 8-bit matrix-shaper optimisation does it: each
 * sample through a 256-entry table to linear light in 1.14 fixed point, one 3×3 integer matrix,
 * a clip to 0..1, and a 16,385-entry table back to 8 bits. The JDK's LittleCMS takes about 12 ns
 * a pixel for the same work through its generic formatters; this takes a few, with no copies.
 *
 * <p>Built from the profiles' colorant and TRC tags; {@link #of} gives null for any profile it
 * cannot read this way (LUT-based profiles, unknown curve types), and {@link SrgbConversion} only
 * keeps one whose results it has compared with the JDK's own transform.
 */
final class MatrixShaper {
    /** One in LittleCMS's 1.14 fixed point. */
    private static final int ONE = 1 << 14;
    private static final int RXYZ = 0x7258595A;
    private static final int GXYZ = 0x6758595A;
    private static final int BXYZ = 0x6258595A;
    private static final int[] TRC = {0x72545243, 0x67545243, 0x62545243};
    /** Tags whose presence makes LittleCMS prefer a LUT over the matrix and curves. */
    private static final int[] LUT_TAGS = {0x41324230, 0x41324231, 0x41324232, 0x42324130, 0x42324131, 0x42324132,
        0x44324230, 0x44324231, 0x44324232, 0x42324430, 0x42324431, 0x42324432};

    /** The last target profile and its output curves (inverting them costs about 20 ms). */
    private static volatile Object[] lastTarget;

    private final int[] inR;
    private final int[] inG;
    private final int[] inB;
    private final int m00, m01, m02, m10, m11, m12, m20, m21, m22;
    private final byte[] outR;
    private final byte[] outG;
    private final byte[] outB;
    /** What each matrix row's sum (in 1.14) is offset by, so that it indexes its output table from 0, plus the rounding. */
    private final int addR, addG, addB;

    private MatrixShaper(double[][] curvesIn, double[][] m, byte[][] curvesOut) {
        // identical curves share one table (most profiles have one TRC), which keeps them in L1
        inR = fixed(curvesIn[0]);
        inG = Arrays.equals(curvesIn[1], curvesIn[0]) ? inR : fixed(curvesIn[1]);
        inB = Arrays.equals(curvesIn[2], curvesIn[0]) ? inR : Arrays.equals(curvesIn[2], curvesIn[1]) ? inG
                : fixed(curvesIn[2]);
        m00 = toFixed(m[0][0]);
        m01 = toFixed(m[0][1]);
        m02 = toFixed(m[0][2]);
        m10 = toFixed(m[1][0]);
        m11 = toFixed(m[1][1]);
        m12 = toFixed(m[1][2]);
        m20 = toFixed(m[2][0]);
        m21 = toFixed(m[2][1]);
        m22 = toFixed(m[2][2]);
        // The clip to 0..1 is folded into the output tables, which cover every sum a row can make.
        int lowR = Math.min(0, m00) + Math.min(0, m01) + Math.min(0, m02);
        int lowG = Math.min(0, m10) + Math.min(0, m11) + Math.min(0, m12);
        int lowB = Math.min(0, m20) + Math.min(0, m21) + Math.min(0, m22);
        addR = 0x2000 - (lowR << 14);
        addG = 0x2000 - (lowG << 14);
        addB = 0x2000 - (lowB << 14);
        outR = clipped(curvesOut[0], lowR, Math.max(0, m00) + Math.max(0, m01) + Math.max(0, m02));
        outG = clipped(curvesOut[1], lowG, Math.max(0, m10) + Math.max(0, m11) + Math.max(0, m12));
        outB = clipped(curvesOut[2], lowB, Math.max(0, m20) + Math.max(0, m21) + Math.max(0, m22));
    }

    /** The conversion from {@code source} to {@code target}, or null when either is not a plain matrix/TRC profile. */
    static MatrixShaper of(ICC_Profile source, ICC_Profile target) {
        try {
            double[][] from = colorants(source);
            double[][] to = colorants(target);
            Curve[] inCurves = curves(source);
            Curve[] outCurves = curves(target);
            if (from == null || to == null || inCurves == null || outCurves == null) {
                return null;
            }
            double[][] m = multiply(invert(to), from);
            for (double[] row : m) {
                if (Math.abs(row[0]) + Math.abs(row[1]) + Math.abs(row[2]) > 7) {
                    return null; // the 1.14 sums would overflow an int
                }
            }
            double[][] in = new double[3][256];
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 256; i++) {
                    in[c][i] = inCurves[c].eval(i / 255.0);
                }
            }
            return new MatrixShaper(in, m, outputCurves(target, outCurves));
        } catch (RuntimeException e) {
            return null; // a malformed tag: the JDK's path decides what to make of the profile
        }
    }

    /** The target's inverted TRCs, linear 1.14 to 8 bits; those of the last target are kept (it is always sRGB). */
    private static byte[][] outputCurves(ICC_Profile target, Curve[] curves) {
        Object[] last = lastTarget;
        if (last != null && last[0] == target) {
            return (byte[][]) last[1];
        }
        byte[][] out = new byte[3][ONE + 1];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i <= ONE; i++) {
                double v = Math.min(1, Math.max(0, curves[c].inverse(i / (double) ONE)));
                int w = (int) Math.floor(v * 65535 + 0.5);
                out[c][i] = (byte) ((w * 65281L + 8388608L) >> 24); // LittleCMS's FROM_16_TO_8
            }
        }
        lastTarget = new Object[] {target, out};
        return out;
    }

    /** Converts the first three samples (B, G, R) of each of {@code pixels} pixels {@code stride} (3 or 4) bytes apart, in place. */
    void apply(byte[] data, int pixels, int stride) {
        if (stride == 3) {
            apply3(data, pixels * 3);
        } else if (stride == 4) {
            apply4(data, pixels * 4);
        } else {
            throw new IllegalArgumentException("stride " + stride);
        }
    }

    // Two copies with a constant stride: C2 makes a counted loop of each (no bounds checks, unrolled).

    private void apply3(byte[] data, int end) {
        int[] tr = inR;
        int[] tg = inG;
        int[] tb = inB;
        byte[] or = outR;
        byte[] og = outG;
        byte[] ob = outB;
        int a00 = m00, a01 = m01, a02 = m02, a10 = m10, a11 = m11, a12 = m12, a20 = m20, a21 = m21, a22 = m22;
        int c0 = addR, c1 = addG, c2 = addB;
        for (int i = 0; i < end; i += 3) {
            int b = tb[data[i] & 0xFF];
            int g = tg[data[i + 1] & 0xFF];
            int r = tr[data[i + 2] & 0xFF];
            data[i] = ob[(a20 * r + a21 * g + a22 * b + c2) >> 14];
            data[i + 1] = og[(a10 * r + a11 * g + a12 * b + c1) >> 14];
            data[i + 2] = or[(a00 * r + a01 * g + a02 * b + c0) >> 14];
        }
    }

    private void apply4(byte[] data, int end) {
        int[] tr = inR;
        int[] tg = inG;
        int[] tb = inB;
        byte[] or = outR;
        byte[] og = outG;
        byte[] ob = outB;
        int a00 = m00, a01 = m01, a02 = m02, a10 = m10, a11 = m11, a12 = m12, a20 = m20, a21 = m21, a22 = m22;
        int c0 = addR, c1 = addG, c2 = addB;
        for (int i = 0; i < end; i += 4) {
            int b = tb[data[i] & 0xFF];
            int g = tg[data[i + 1] & 0xFF];
            int r = tr[data[i + 2] & 0xFF];
            data[i] = ob[(a20 * r + a21 * g + a22 * b + c2) >> 14];
            data[i + 1] = og[(a10 * r + a11 * g + a12 * b + c1) >> 14];
            data[i + 2] = or[(a00 * r + a01 * g + a02 * b + c0) >> 14];
        }
    }

    /** The output curve over every value from {@code low} to {@code high}, those outside 0..ONE clipped. */
    private static byte[] clipped(byte[] curve, int low, int high) {
        byte[] t = new byte[high - low + 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = curve[Math.min(ONE, Math.max(0, i + low))];
        }
        return t;
    }

    private static int toFixed(double v) {
        return (int) Math.floor(v * ONE + 0.5);
    }

    private static int[] fixed(double[] curve) {
        int[] t = new int[curve.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.min(ONE, Math.max(0, toFixed(curve[i])));
        }
        return t;
    }

    /** The rXYZ, gXYZ, bXYZ colorants as the columns of a matrix, or null. */
    private static double[][] colorants(ICC_Profile profile) {
        if (profile.getColorSpaceType() != java.awt.color.ColorSpace.TYPE_RGB) {
            return null;
        }
        for (int tag : LUT_TAGS) {
            if (profile.getData(tag) != null) {
                return null;
            }
        }
        double[][] m = new double[3][3];
        int[] tags = {RXYZ, GXYZ, BXYZ};
        for (int c = 0; c < 3; c++) {
            byte[] xyz = profile.getData(tags[c]);
            if (xyz == null || xyz.length < 20 || ByteBuffer.wrap(xyz).getInt() != 0x58595A20) {
                return null;
            }
            for (int k = 0; k < 3; k++) {
                m[k][c] = ByteBuffer.wrap(xyz, 8 + 4 * k, 4).getInt() / 65536.0;
            }
        }
        return m;
    }

    private static Curve[] curves(ICC_Profile profile) {
        Curve[] curves = new Curve[3];
        for (int c = 0; c < 3; c++) {
            byte[] tag = profile.getData(TRC[c]);
            curves[c] = tag == null ? null : Curve.parse(tag);
            if (curves[c] == null) {
                return null;
            }
        }
        return curves;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return r;
    }

    private static double[][] invert(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2];
        double d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], i = m[2][2];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        if (Math.abs(det) < 1e-9) {
            throw new ArithmeticException("singular colorant matrix");
        }
        return new double[][] {
            {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
            {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
            {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}};
    }

    /** An ICC 'curv' or 'para' tone curve over 0..1. */
    private abstract static class Curve {
        abstract double eval(double x);

        /** The x in 0..1 whose value is {@code y} (curves are non-decreasing), by bisection. */
        double inverse(double y) {
            double lo = 0;
            double hi = 1;
            for (int k = 0; k < 40; k++) {
                double mid = (lo + hi) / 2;
                if (eval(mid) < y) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return (lo + hi) / 2;
        }

        static Curve parse(byte[] tag) {
            ByteBuffer b = ByteBuffer.wrap(tag);
            if (tag.length < 12) {
                return null;
            }
            int type = b.getInt(0);
            if (type == 0x63757276) { // 'curv'
                int n = b.getInt(8);
                if (n == 0) {
                    return gamma(1);
                }
                if (n == 1) {
                    return gamma((b.getShort(12) & 0xFFFF) / 256.0);
                }
                if (n < 2 || tag.length < 12 + 2L * n) {
                    return null;
                }
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = (b.getShort(12 + 2 * i) & 0xFFFF) / 65535.0;
                }
                for (int i = 1; i < n; i++) {
                    if (t[i] < t[i - 1]) {
                        return null; // not monotonic: left to LittleCMS
                    }
                }
                return new Curve() {
                    @Override
                    double eval(double x) {
                        double pos = Math.min(1, Math.max(0, x)) * (n - 1);
                        int k = Math.min(n - 2, (int) pos);
                        return t[k] + (t[k + 1] - t[k]) * (pos - k);
                    }
                };
            }
            if (type == 0x70617261) { // 'para'
                int function = b.getShort(8) & 0xFFFF;
                int[] counts = {1, 3, 4, 5, 7};
                if (function >= counts.length || tag.length < 12 + 4 * counts[function]) {
                    return null;
                }
                double[] p = new double[7];
                for (int i = 0; i < counts[function]; i++) {
                    p[i] = b.getInt(12 + 4 * i) / 65536.0;
                }
                double g = p[0], a = p[1], bb = p[2], c = p[3], d = p[4], e = p[5], f = p[6];
                return switch (function) {
                    case 0 -> gamma(g);
                    case 1 -> clamped(x -> x >= -bb / a ? Math.pow(a * x + bb, g) : 0);
                    case 2 -> clamped(x -> x >= -bb / a ? Math.pow(a * x + bb, g) + c : c);
                    case 3 -> clamped(x -> x >= d ? Math.pow(a * x + bb, g) : c * x);
                    default -> clamped(x -> x >= d ? Math.pow(a * x + bb, g) + e : c * x + f);
                };
            }
            return null;
        }

        private static Curve gamma(double g) {
            return clamped(x -> Math.pow(x, g));
        }

        private static Curve clamped(java.util.function.DoubleUnaryOperator f) {
            return new Curve() {
                @Override
                double eval(double x) {
                    double y = f.applyAsDouble(Math.min(1, Math.max(0, x)));
                    return Double.isNaN(y) ? 0 : y;
                }
            };
        }
    }
}
