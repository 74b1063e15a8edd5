/**
 * The special functions behind the distributions: the gamma function (Lanczos), the regularized
 * incomplete gamma and beta functions (series and Lentz continued fractions), the normal CDF and
 * its inverse. Each is accurate to about 1e-14 relative over the arguments Excel accepts.
 */

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 100_000;

// Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients): about 15 significant digits.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

function lanczosSum(x: number): number {
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (x + i - 1);
  return a;
}

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const t = x + LANCZOS_G - 0.5;
  return HALF_LOG_2PI + (x - 0.5) * Math.log(t) - t + Math.log(lanczosSum(x));
}

/** Γ(x); NaN at 0 and the negative integers, Infinity past 171.6. */
export function gamma(x: number): number {
  if (x === Math.floor(x)) {
    if (x <= 0) return Number.NaN;
    if (x <= 171) {
      let f = 1;
      for (let i = 2; i < x; i++) f *= i;
      return f;
    }
    return Number.POSITIVE_INFINITY;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  if (x > 171.7) return Number.POSITIVE_INFINITY;
  const t = x + LANCZOS_G - 0.5;
  // t^(x-0.5) split in two so it does not overflow before e^-t brings it back.
  const half = Math.pow(t, (x - 0.5) / 2);
  return Math.sqrt(2 * Math.PI) * half * (half * Math.exp(-t)) * lanczosSum(x);
}

/** Stirling's series for ln Γ(x) − ((x − ½) ln x − x + ½ ln 2π), for large x. */
function stirlingTail(x: number): number {
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x;
}

/** ln B(a, b); for a large argument by a difference that does not cancel (ln Γ(10^12) has no digits to spare). */
export function lnBeta(a: number, b: number): number {
  const [big, small] = a > b ? [a, b] : [b, a];
  if (big < 1e4) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  // ln Γ(big + small) − ln Γ(big), by Stirling's formula written around log1p(small / big).
  const diff = (big - 0.5) * Math.log1p(small / big) + small * Math.log(big + small) - small + stirlingTail(big + small) - stirlingTail(big);
  return lnGamma(small) - diff;
}

/** a·ln x − x − ln Γ(a): the common factor of the incomplete gamma functions, kept accurate for large a. */
function gammaLogFactor(a: number, x: number): number {
  if (a < 100) return a * Math.log(x) - x - lnGamma(a);
  const d = (x - a) / a;
  return a * (Math.log1p(d) - d) + 0.5 * Math.log(a / (2 * Math.PI)) - stirlingTail(a);
}

/** The regularized lower incomplete gamma function P(a, x), a > 0, x ≥ 0. */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_ITER; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(gammaLogFactor(a, x));
}

/** Q(a, x) by its continued fraction (modified Lentz). */
function gammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(gammaLogFactor(a, x)) * h;
}

/**
 * The regularized incomplete beta function I_x(a, b), 0 ≤ x ≤ 1. `y` is 1 − x when the caller
 * knows it more precisely than 1 − x rounds (x near 1 with a huge a, as in T.DIST at 10^12
 * degrees of freedom).
 */
export function betaI(x: number, a: number, b: number, y = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * logX + b * logY - lnBeta(a, b));
  // The fraction converges fast below (a + 1) / (a + b + 2); above it, the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b, y)) / a;
  return 1 - (front * betaFraction(y, b, a, x)) / b;
}

function betaFraction(x: number, a: number, b: number, y: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // 1 − (a + b)x / (a + 1), written with y = 1 − x so it does not cancel when x is near 1.
  let d = x > 0.5 ? (1 - b + qab * y) / qap : 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** The standard normal density. */
export function normPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** The standard normal CDF Φ(z), through erfc(t) = Q(1/2, t²) so both tails keep their digits. */
export function normCdf(z: number): number {
  const t = z / Math.SQRT2;
  const tail = 0.5 * gammaQ(0.5, t * t);
  return z < 0 ? tail : 1 - tail;
}

// Acklam's rational approximation (relative error 1.2e-9), then refined by Halley steps.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

const poly = (cs: number[], x: number) => cs.reduce((acc, c) => acc * x + c, 0);

/** Φ⁻¹(p) for 0 < p < 1. */
export function normInv(p: number): number {
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = poly(C, q) / (poly(D, q) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(A, r) * q) / (poly(B, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -poly(C, q) / (poly(D, q) * q + 1);
  }
  for (let i = 0; i < 3; i++) {
    // Halley's step on Φ(x) − p, the error taken from the tail where it is small.
    // Near the middle, Φ(x) − 1/2 = ±P(1/2, x²/2)/2 keeps the digits that p − 1/2 has.
    // In the tails, the tail itself against p or 1 − p (exact in floating point there).
    const tail = 0.5 * gammaQ(0.5, (x * x) / 2);
    const e = p < low ? (x < 0 ? tail : 1 - tail) - p : p > 1 - low ? 1 - p - (x > 0 ? tail : 1 - tail) : Math.sign(x) * 0.5 * gammaP(0.5, (x * x) / 2) - (p - 0.5);
    const u = e / normPdf(x);
    if (!Number.isFinite(u)) break;
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}

/**
 * The x in [lo, hi] where an increasing `cdf` reaches p: Newton steps from `guess`, kept inside a
 * shrinking bracket and falling back to bisection, to 1e-15 relative.
 */
export function invertCdf(cdf: (x: number) => number, pdf: (x: number) => number, p: number, lo: number, hi: number, guess: number): number {
  let x = Math.min(Math.max(guess, lo), hi);
  if (!Number.isFinite(x)) x = Number.isFinite(hi) ? (lo + hi) / 2 : lo + 1;
  for (let i = 0; i < 1000; i++) {
    const f = cdf(x) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const d = pdf(x);
    let next = x - f / d;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = Number.isFinite(hi) ? (lo + hi) / 2 : Math.max(2 * x, x + 1);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(next) || (Number.isFinite(hi) && hi - lo <= 1e-15 * Math.abs(hi))) return next;
    x = next;
  }
  return x;
}
