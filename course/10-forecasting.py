# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 10 — Least squares and time-series forecasting
#
# Forecasting is regression in which the features are the past. To predict
# tomorrow's value of a series we write it as a linear combination of a few
# recent values, stack one such equation per day into a tall matrix, and solve
# the overdetermined system by least squares. Everything that can go right or
# wrong in least squares — the choice of the design matrix, its conditioning,
# the solver, the split into training and test data, the residuals — shows up
# in this one application. This chapter builds on chapter 03 (Section 10: the
# normal equations, QR and `lstsq`) and chapter 06 (eigenvalues, the SVD):
#
# 1. a real series: the daily price of Google stock, 2004–2008;
# 2. least squares with a design matrix: a trend line, exactly and in floating point;
# 3. polynomial trends, the Vandermonde matrix, and a badly conditioned design
#    built from calendar years;
# 4. least squares by QR, step by step;
# 5. autoregressive models AR($p$) and the lag matrix;
# 6. fitting AR($p$) to the stock price on the past only, and evaluating it on
#    a held-out future against the naive forecast;
# 7. residual analysis: what the model left over;
# 8. a series with memory: one-step and recursive multi-step forecasts;
# 9. the companion matrix: why multi-step forecasts decay (eigenvalues again);
# 10. choosing the order $p$ with a validation set.

# %%
import numpy as np
import scipy.linalg
import sympy as sp
import matplotlib
import matplotlib.cbook
import matplotlib.dates
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook

# %% [markdown]
# ## 1. The data: a stock price
#
# Matplotlib ships a small sample data set with the daily prices of Google
# (GOOG) stock from its stock-market debut in August 2004 to October 2008. It
# is a NumPy *structured array*: one record per trading day, with named fields.

# %%
goog = matplotlib.cbook.get_sample_data("goog.npz")["price_data"]
print("fields:", goog.dtype.names)
print("number of trading days:", len(goog))
print("first record:", goog[0])
print("last record: ", goog[-1])

dates = goog["date"]                       # numpy datetime64[D]
price = goog["adj_close"]                  # adjusted closing price in US dollars
years = 1970 + dates.astype(float) / 365.25  # calendar time as a decimal year
print(f"years run from {years[0]:.3f} to {years[-1]:.3f}")

# %% [markdown]
# We keep the field `adj_close`, the closing price adjusted for stock splits
# and dividends. There are no prices on weekends and holidays, so the series is
# indexed by **trading day** $t = 0, 1, \dots, 1046$, not by calendar day.
#
# **Train and test in time.** A forecast is only honest if the model has not
# seen the future it predicts. So we split the series *in time*, never at
# random: the first 800 trading days (up to 22 October 2007) are the
# **training** part, used for every fit in this chapter; the last 247 days
# (23 October 2007 to 14 October 2008) are the **test** tail, used only to
# evaluate forecasts. Shuffling the days before splitting, as one does for
# independent samples, would let the model interpolate between neighbouring
# days it has seen — a leak of future information that no real forecaster has.
#
# The test tail happens to contain the financial crisis of 2008, during which
# the price fell by more than half: a hard test, like real life.

# %%
n_train = 800
print("last training day:", dates[n_train - 1], "  first test day:", dates[n_train])
print(f"price on those days: {price[n_train - 1]:.2f} and {price[n_train]:.2f}")
print(f"highest price: {price.max():.2f} on {dates[np.argmax(price)]}")

# %% [markdown]
# ## 2. Least squares with a design matrix: a trend line
#
# Stock prices tend to grow by a percentage rather than by a fixed amount per
# year, so we model the **logarithm** of the price as a straight line in time
# (an exponential trend):
#
# $$
# \log(\text{price}_i) \approx w_0 + w_1 s_i, \qquad s_i = \text{years since the first day}.
# $$
#
# With $m$ training days this is the overdetermined system $X\mathbf{w} \approx \mathbf{y}$
# with the **design matrix** $X$: one row per observation, one column per
# feature — here a column of ones (the intercept) and the column of times:
#
# $$
# X = \begin{pmatrix} 1 & s_1 \\ 1 & s_2 \\ \vdots & \vdots \\ 1 & s_m \end{pmatrix},
# \qquad
# \mathbf{y} = \begin{pmatrix} \log \text{price}_1 \\ \vdots \\ \log \text{price}_m \end{pmatrix},
# \qquad
# \min_{\mathbf{w}} \ \|\mathbf{y} - X\mathbf{w}\|_2^2 .
# $$
#
# As chapters 03 and 04 showed (least squares is an orthogonal projection),
# the minimizer makes the residual
# $\mathbf{r} = \mathbf{y} - X\mathbf{w}$ orthogonal to every column of $X$,
# which gives the **normal equations**
#
# $$
# X^\top(\mathbf{y} - X\mathbf{w}) = \mathbf{0}
# \qquad\Longleftrightarrow\qquad
# X^\top X\,\mathbf{w} = X^\top \mathbf{y},
# $$
#
# and $X\mathbf{w}$ is the orthogonal projection of $\mathbf{y}$ onto the
# column space of $X$. In code we let `np.linalg.lstsq` do the work.

# %%
s = years - years[0]                          # years since 19 August 2004
y_log = np.log(price)
X_line = np.column_stack([np.ones(n_train), s[:n_train]])
w_line = np.linalg.lstsq(X_line, y_log[:n_train], rcond=None)[0]
r_line = y_log[:n_train] - X_line @ w_line
print("w = (intercept, slope):", w_line)
print("X^T r = 0 (the residual is orthogonal to both columns):", np.allclose(X_line.T @ r_line, 0, atol=1e-9))
print(f"growth rate: {np.exp(w_line[1]) - 1:.1%} per year")

# %% [markdown]
# The slope is $w_1 \approx 0.43$ per year in log-price, i.e. the trend
# multiplies the price by $e^{0.427} \approx 1.53$ each year: a growth of
# about 53 % per year over the training period. **Figure 1** shows the fit,
# on a logarithmic price axis where the exponential trend is a straight line,
# and how it continues into the test tail.

# %%
trend = np.exp(w_line[0] + w_line[1] * s)     # the fitted trend, continued into the test period
fig, ax = plt.subplots(figsize=(8, 4.2))
ax.semilogy(dates[:n_train], price[:n_train], "C0-", lw=1, label="training part")
ax.semilogy(dates[n_train:], price[n_train:], "C1-", lw=1, label="test tail (never used for fitting)")
ax.semilogy(dates[:n_train], trend[:n_train], "k-", lw=2, label="exponential trend, fitted on the training part")
ax.semilogy(dates[n_train:], trend[n_train:], "k--", lw=2, label="the same trend, extrapolated")
ax.axvline(dates[n_train], color="grey", lw=0.8)
ax.set_xlabel("date")
ax.set_ylabel("adjusted close (USD, log scale)")
ax.set_title("Figure 1: GOOG daily price and a least-squares trend line in log-price")
ax.legend(fontsize=8, loc="upper left")
plt.show()

# %% [markdown]
# A trend describes the training years well on average, but extrapolated it
# predicts a price of about \$1000 for 14 October 2008, when the real one was
# \$363: the trend knows nothing about the crisis. The rest of the chapter
# replaces "a function of the date" by "a function of the recent past", which
# adapts to where the series actually is.
#
# ### The same fit, exactly
#
# On small integer data the normal equations can be solved in exact rational
# arithmetic, which makes a good referee (in the exercises you go one step
# further and derive the line for any data, symbolically). The line through
# the points $(0, 1), (1, 3), (2, 4), (3, 4)$:

# %%
s_pts = sp.Matrix([0, 1, 2, 3])
y_pts = sp.Matrix([1, 3, 4, 4])
X_pts = sp.Matrix.hstack(sp.ones(4, 1), s_pts)
w_exact = (X_pts.T * X_pts).solve(X_pts.T * y_pts)   # X^T X is 2x2 and invertible here
print("X^T X =", X_pts.T * X_pts, "  X^T y =", X_pts.T * y_pts)
print("w =", w_exact.T)
print("residual:", (y_pts - X_pts * w_exact).T, "  X^T r =", (X_pts.T * (y_pts - X_pts * w_exact)).T)

# %% [markdown]
# The best line is $y = \tfrac{3}{2} + x$, with residuals
# $(-\tfrac12, \tfrac12, \tfrac12, -\tfrac12)$. They are not zero — no line
# passes through all four points — but they sum to zero (orthogonal to the
# column of ones) and $\sum_i x_i r_i = 0$ (orthogonal to the column of
# $x$-values), exactly as the normal equations demand.
#
# ## 3. Polynomial trends and the Vandermonde matrix
#
# A straight line is a polynomial of degree 1. A polynomial trend of degree $d$,
# $w_0 + w_1x + w_2x^2 + \dots + w_dx^d$, is still **linear in the weights**,
# so it is still least squares — only the design matrix changes. Its columns
# are the powers of the input, the **Vandermonde matrix**
#
# $$
# V = \begin{pmatrix}
# 1 & x_1 & x_1^2 & \cdots & x_1^d \\
# \vdots & \vdots & \vdots & & \vdots \\
# 1 & x_m & x_m^2 & \cdots & x_m^d
# \end{pmatrix} \in \mathbb{R}^{m \times (d+1)} .
# $$
#
# This is the first example of **feature engineering**: a linear model becomes
# a curve by feeding it nonlinear functions of the input. `np.vander(x, d + 1, increasing=True)`
# builds $V$ (without `increasing=True`, NumPy puts the highest power first).

# %%
print(np.vander(np.array([1.0, 2.0, 3.0, 4.0]), 3, increasing=True))

# %% [markdown]
# ### A design matrix that breaks the solvers
#
# The natural input for a trend is the calendar year, say $x = 2005.5$. But
# the columns $1, x, x^2, \dots$ are then almost parallel: over our data $x$
# varies by only 0.2 % around 2006, so over that range $x^2$ differs from a
# straight line in $x$ by about a millionth of its size, and $x^3$ likewise. Nearly dependent columns mean a
# huge condition number $\kappa(V) = \sigma_{\max}/\sigma_{\min}$ (chapter 03,
# Section 7). Compare with the **same** polynomials in a centred and scaled
# input
#
# $$
# u = \frac{x - \tfrac12(x_{\min} + x_{\max})}{\tfrac12(x_{\max} - x_{\min})} \in [-1, 1] .
# $$
#
# Since $x$ is an affine function of $u$, every polynomial of degree $d$ in $x$
# is a polynomial of degree $d$ in $u$ and vice versa: the two Vandermonde
# matrices have **the same column space**, so the best fit and its residual
# are the same in exact arithmetic. Only the basis differs.

# %%
x_train = years[:n_train]
y_train = y_log[:n_train]
center, half = (x_train.max() + x_train.min()) / 2, (x_train.max() - x_train.min()) / 2
u_all = (years - center) / half                # the scaled input, on all days
u_train = u_all[:n_train]
for d in (1, 2):
    print(f"degree {d}:  cond(V) in calendar years = {np.linalg.cond(np.vander(x_train, d + 1, increasing=True)):.0e}"
          f",  in scaled time = {np.linalg.cond(np.vander(u_train, d + 1, increasing=True)):.1f}")

# %% [markdown]
# Already for a quadratic, $\kappa(V) \approx 2 \times 10^{13}$ in calendar years,
# against less than 4 in scaled time. We now fit trends of degree 1 to 6 to the training
# log-prices with three solvers on the calendar-year matrix — the normal
# equations, QR (Section 4), and `np.linalg.lstsq` — and with `lstsq` on the
# scaled matrix. Since all four aim at the same minimum, we compare the
# residual norms $\|\mathbf{y} - V\mathbf{w}\|$: the smallest one is the
# correct answer, and anything larger is numerical failure. For a degree
# above 2 the condition number in calendar years exceeds
# $1/\varepsilon \approx 4.5 \times 10^{15}$, where double precision cannot even
# compute it reliably, so the digits in the next table depend on the machine
# (the pattern does not).


# %%
def lstsq_by_qr(X, y):
    """Least squares through the reduced QR factorization X = QR: solve R w = Q^T y."""
    Q, R = np.linalg.qr(X)
    return scipy.linalg.solve_triangular(R, Q.T @ y)


def residual_norm(X, w, y):
    return np.linalg.norm(y - X @ w)


# %% tags=["nbval-ignore-output"]
print("degree  cond(V) years   normal eq.   QR      lstsq (rank)   lstsq scaled  cond scaled")
rss_table, ranks = [], []
for d in range(1, 7):
    V_years = np.vander(x_train, d + 1, increasing=True)
    V_scaled = np.vander(u_train, d + 1, increasing=True)
    with np.errstate(all="ignore"):
        try:
            w_ne = np.linalg.solve(V_years.T @ V_years, V_years.T @ y_train)
        except np.linalg.LinAlgError:            # V^T V can even come out exactly singular
            w_ne = np.full(d + 1, np.nan)
    w_qr = lstsq_by_qr(V_years, y_train)
    w_ls, _, rank_ls, _ = np.linalg.lstsq(V_years, y_train, rcond=None)
    w_sc = np.linalg.lstsq(V_scaled, y_train, rcond=None)[0]
    row = [residual_norm(V_years, w, y_train) for w in (w_ne, w_qr, w_ls)] + [residual_norm(V_scaled, w_sc, y_train)]
    rss_table.append(row)
    ranks.append(rank_ls)
    print(f"{d:4d}    {np.linalg.cond(V_years):9.1e}    {row[0]:8.4f}  {row[1]:8.4f}  {row[2]:8.4f} ({rank_ls})"
          f"     {row[3]:8.4f}      {np.linalg.cond(V_scaled):6.1f}")

# the pattern the text below describes, whatever the digits on this machine
rss = np.array(rss_table)                  # columns: normal equations, QR, lstsq in years, lstsq scaled
assert np.all(np.diff(rss[:, 3]) <= 1e-9)                            # the minimum decreases with the degree
assert not np.any(rss[2:, 0] < rss[2:, 3] + 0.05)                    # normal equations: far off from degree 3
assert np.all(np.abs(rss[:3, 1] - rss[:3, 3]) < 1e-3)                # QR: the minimum up to degree 3
assert all(r < d + 1 for d, r in zip(range(2, 7), ranks[1:]))        # lstsq in years: "rank-deficient"
assert np.all(rss[1:, 2] > rss[0, 3])                                # ... and worse than the straight line

# %% [markdown]
# Read the table column by column (the residual norms; smaller is better, and
# the column "lstsq scaled" is the true minimum, up to rounding):
#
# * **Scaled input + `lstsq`**: the residual decreases with the degree, as it
#   must — a higher-degree model contains the lower-degree ones — and
#   $\kappa(V)$ grows only to about 100.
# * **Normal equations**: forming $V^\top V$ squares the condition number,
#   $\kappa(V)^2 \approx 5 \times 10^{26}$ already for degree 2. From degree 3
#   on the residual stops improving (when this notebook was run it stayed near
#   3.16 while the minimum dropped below 2.7): the extra columns are lost in
#   rounding errors. On some machines $V^\top V$ even comes out exactly
#   singular, `solve` refuses it, and the table shows `nan`.
# * **QR** is stable and matches the minimum up to degree 3 or 4, but in
#   calendar years the problem itself is so ill-conditioned beyond that that
#   even QR misses it.
# * **`lstsq` in calendar years** is the surprise: with its default cutoff
#   `rcond=None` it treats singular values below
#   $\varepsilon \max(m, n)\,\sigma_{\max}$ as zero. From degree 2 on it
#   declares $V$ rank-deficient (the number in brackets) and returns the
#   minimum-norm solution of the truncated problem (chapter 06, Section 6) —
#   here a fit slightly *worse than the straight line* (4.856 against 4.852
#   for degree 2 when this notebook was run), silently.
#
# The cure is not a better solver but a better basis: centre and scale the
# input (what `StandardScaler` does in scikit-learn), or use orthogonal
# polynomials (`np.polynomial.Polynomial.fit` scales the input to $[-1, 1]$
# for exactly this reason). **Figure 2** shows the conditioning (left) and,
# on the right, what polynomial trends fitted on the training part — correctly,
# in scaled time — predict for the test tail.

# %%
degrees = np.arange(1, 9)
cond_years = [np.linalg.cond(np.vander(x_train, d + 1, increasing=True)) for d in degrees]
cond_scaled = [np.linalg.cond(np.vander(u_train, d + 1, increasing=True)) for d in degrees]

fig, axes = plt.subplots(1, 2, figsize=(12, 4.3))
ax = axes[0]
ax.semilogy(degrees, cond_years, "C3o-", label="calendar years $x$ (computed; unreliable above the line)")
ax.semilogy(degrees, cond_scaled, "C0s-", label="scaled time $u \\in [-1, 1]$")
ax.axhline(1 / np.finfo(float).eps, color="k", ls="--", lw=1, label=r"$1/\varepsilon$")
ax.set_xlabel("polynomial degree $d$")
ax.set_ylabel(r"$\kappa(V)$")
ax.set_title("conditioning of the Vandermonde matrix")
ax.legend(fontsize=8)

ax = axes[1]
ax.semilogy(dates, price, color="grey", lw=1, label="price")
for d, style in [(1, "k-"), (3, "C2-"), (6, "C4-")]:
    w_d = np.linalg.lstsq(np.vander(u_train, d + 1, increasing=True), y_train, rcond=None)[0]
    ax.semilogy(dates, np.exp(np.vander(u_all, d + 1, increasing=True) @ w_d), style, lw=1.5,
                label=f"degree {d}")
ax.axvline(dates[n_train], color="grey", lw=0.8)
ax.set_ylim(50, 3000)
ax.xaxis.set_major_locator(matplotlib.dates.YearLocator())
ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
ax.set_xlabel("date (training part left of the vertical line)")
ax.set_ylabel("price (USD, log scale)")
ax.set_title("polynomial trends of log-price, extrapolated")
ax.legend(fontsize=8, loc="upper left")
fig.suptitle("Figure 2: polynomial trends: conditioning and extrapolation")
plt.show()

# %%
for d in (1, 3, 6):
    w_d = np.linalg.lstsq(np.vander(u_train, d + 1, increasing=True), y_train, rcond=None)[0]
    last = np.exp(np.vander(u_all[-1:], d + 1, increasing=True) @ w_d)[0]
    print(f"degree {d}: training residual {residual_norm(np.vander(u_train, d + 1, increasing=True), w_d, y_train):.3f}, "
          f"predicted price on {dates[-1]}: {last:8.1f}   (actual {price[-1]:.1f})")

# %% [markdown]
# The higher the degree, the better the fit on the training part and the
# wilder the extrapolation: the cubic trend predicts about \$1320 for the last
# day, and the degree-6 trend, which has the smallest training residual,
# predicts 60 cents (the actual price was \$363). Outside $[-1, 1]$ the
# highest powers of $u$ quickly dominate a polynomial, and the future is always
# outside the training interval. This is overfitting in its purest form, and the reason
# why forecasters model the *dynamics* of a series (how today depends on
# yesterday) rather than a formula in the date.
#
# ## 4. Least squares by QR
#
# Chapter 03 stated the recipe and chapter 04 derived it; here is the
# argument once more, in the form this chapter uses. Factor the tall matrix
# $X \in \mathbb{R}^{m \times n}$ (independent columns, $m \ge n$) as
# $X = QR$, with $Q \in \mathbb{R}^{m\times n}$ having orthonormal columns
# ($Q^\top Q = I$) and $R \in \mathbb{R}^{n\times n}$ upper triangular with a
# non-zero diagonal. Split $\mathbf{y}$ into its part in the column space,
# $QQ^\top\mathbf{y}$, and the rest, $(I - QQ^\top)\mathbf{y}$, which is
# orthogonal to every column of $Q$. Then, by Pythagoras,
#
# $$
# \|\mathbf{y} - X\mathbf{w}\|^2
# = \|QQ^\top\mathbf{y} - QR\mathbf{w}\|^2 + \|(I - QQ^\top)\mathbf{y}\|^2
# = \|Q^\top\mathbf{y} - R\mathbf{w}\|^2 + \|(I - QQ^\top)\mathbf{y}\|^2 ,
# $$
#
# using $\|Q\mathbf{z}\| = \|\mathbf{z}\|$. The second term does not depend on
# $\mathbf{w}$, and the first is zero exactly when
#
# $$
# R\,\mathbf{w} = Q^\top\mathbf{y},
# $$
#
# a triangular system, solved by **back substitution** from the last unknown up:
# $w_{n} = c_{n}/R_{nn}$, then
# $w_i = \big(c_i - \sum_{j>i} R_{ij} w_j\big)/R_{ii}$ for $i = n-1, \dots, 1$,
# where $\mathbf{c} = Q^\top\mathbf{y}$. The minimal residual norm is
# $\|(I - QQ^\top)\mathbf{y}\|$, and the fitted values $X\mathbf{w} = QQ^\top\mathbf{y}$
# are the projection of $\mathbf{y}$ onto the column space. No $X^\top X$ is
# ever formed, and $\kappa(R) = \kappa(X)$.
#
# We check every claim on the cubic trend in scaled time.

# %%
V3 = np.vander(u_train, 4, increasing=True)
Q, R = np.linalg.qr(V3)                      # reduced QR: Q is 800 x 4, R is 4 x 4
c = Q.T @ y_train
w_qr = scipy.linalg.solve_triangular(R, c)   # back substitution
print("shapes:", Q.shape, R.shape, "  Q^T Q = I:", np.allclose(Q.T @ Q, np.eye(4)))
print("R is upper triangular:", np.allclose(R, np.triu(R)))
print("w by QR:    ", w_qr)
print("w by lstsq: ", np.linalg.lstsq(V3, y_train, rcond=None)[0])
print("fitted values = Q Q^T y:", np.allclose(V3 @ w_qr, Q @ c))
print(f"min residual: {residual_norm(V3, w_qr, y_train):.6f} = ||y - Q Q^T y|| = {np.linalg.norm(y_train - Q @ c):.6f}")
print(f"cond(R) = {np.linalg.cond(R):.3f},  cond(V) = {np.linalg.cond(V3):.3f}")

# %% [markdown]
# ## 5. Autoregressive models and the lag matrix
#
# An **autoregressive model of order $p$**, AR($p$), predicts the next value
# of a series $x_0, x_1, \dots$ from its $p$ previous values:
#
# $$
# x_t = c + a_1 x_{t-1} + a_2 x_{t-2} + \dots + a_p x_{t-p} + \varepsilon_t ,
# $$
#
# with an intercept $c$, coefficients $a_1, \dots, a_p$ and an error
# $\varepsilon_t$ that the past cannot predict. It is linear regression in
# which the features of time $t$ are the **lags** $x_{t-1}, \dots, x_{t-p}$ —
# the simplest member of the family that includes ARIMA models, and, with a
# nonlinear function instead of a linear one, recurrent and convolutional
# sequence models.
#
# With $n$ observations the equation can be written for $t = p, \dots, n-1$
# (the first $p$ values have no complete past), giving $n - p$ equations in the
# $p + 1$ unknowns $(c, a_1, \dots, a_p)$:
#
# $$
# \underbrace{\begin{pmatrix} x_p \\ x_{p+1} \\ \vdots \\ x_{n-1} \end{pmatrix}}_{\mathbf{y}}
# \approx
# \underbrace{\begin{pmatrix}
# 1 & x_{p-1} & x_{p-2} & \cdots & x_0 \\
# 1 & x_{p} & x_{p-1} & \cdots & x_1 \\
# \vdots & \vdots & \vdots & & \vdots \\
# 1 & x_{n-2} & x_{n-3} & \cdots & x_{n-p-1}
# \end{pmatrix}}_{X}
# \begin{pmatrix} c \\ a_1 \\ \vdots \\ a_p \end{pmatrix} .
# $$
#
# Row $i$ of the **lag matrix** $X$ holds the past of the target $y_i = x_{p+i}$:
# the column of lag $k$ is $x_{p-k}, \dots, x_{n-1-k}$, the series shifted by
# $k$. Each diagonal of the lag part is constant (a *Toeplitz* matrix); with
# the columns in the opposite order, oldest lag first, each anti-diagonal is
# constant — a *Hankel* matrix, which `scipy.linalg.hankel` builds. The target
# is never one of the features: the most recent feature of row $i$ is
# $x_{p+i-1}$, one step before $y_i$. A tiny example with $x_t = t$ makes the
# indices visible:


# %%
def lag_matrix(x, p):
    """Design matrix [1, x_{t-1}, ..., x_{t-p}] and target x_t, for t = p, ..., n-1."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    lags = [x[p - k:n - k] for k in range(1, p + 1)]   # lag k: x_{p-k}, ..., x_{n-1-k}
    return np.column_stack([np.ones(n - p)] + lags), x[p:]


X_demo, y_demo = lag_matrix(np.arange(8), 3)
print("X =\n", X_demo)
print("y =", y_demo)
hankel = scipy.linalg.hankel(np.arange(0, 5), np.arange(4, 7))  # first column x_0..x_4, last row x_4..x_6
print("the lag columns, oldest first, are a Hankel matrix:", np.array_equal(X_demo[:, :0:-1], hankel))

# %% [markdown]
# ## 6. An AR model of the stock price, fitted on the past
#
# We fit AR($p$) models to the training part of the price by least squares,
# building the lag matrix from the **training days only**. To forecast the test
# tail **one step ahead**, the model is frozen and, for each test day $t$, fed
# the true prices of the $p$ days before $t$ — all known on the morning of day
# $t$. These forecasts are compared with the **naive forecast**
# $\hat x_t = x_{t-1}$ ("tomorrow equals today"), the baseline that every
# forecasting method must beat. We measure the root-mean-square error
#
# $$
# \mathrm{RMSE} = \sqrt{\frac{1}{N}\sum_{t \in \text{test}} (x_t - \hat x_t)^2}
# $$
#
# over the $N = 247$ test days (in dollars).


# %%
def fit_ar(x_train, p):
    X, y = lag_matrix(x_train, p)
    return np.linalg.lstsq(X, y, rcond=None)[0]


def one_step_forecasts(coef, x, start):
    """Forecasts of x[start:], each from the p true values just before it."""
    X, _ = lag_matrix(x, len(coef) - 1)
    return X[start - (len(coef) - 1):] @ coef   # row i of X predicts x[i + p]


def rmse(a, b):
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


actual = price[n_train:]
naive = price[n_train - 1:-1]                  # yesterday's price
print(f"naive forecast: test RMSE = {rmse(actual, naive):.3f}")
print(" p   c        a_1      a_2      sum of a   train RMSE  (naive)   test RMSE")
for p in (1, 2, 5, 10, 20):
    coef = fit_ar(price[:n_train], p)
    X_tr, y_tr = lag_matrix(price[:n_train], p)
    a2_text = f"{coef[2]:7.4f}" if p > 1 else "      -"
    print(f"{p:2d}  {coef[0]:6.3f}  {coef[1]:7.4f}  {a2_text}   {coef[1:].sum():7.4f}"
          f"     {rmse(y_tr, X_tr @ coef):6.3f}  ({rmse(y_tr, X_tr[:, 1]):6.3f})"
          f"   {rmse(actual, one_step_forecasts(coef, price, n_train)):7.3f}")

# %% [markdown]
# Three lessons, all typical of financial prices:
#
# * The fitted model is almost the naive one: $a_1 \approx 1$, the other
#   coefficients are a few hundredths at most, and the coefficients sum to about $0.999$. A series
#   with $x_t \approx x_{t-1} + \varepsilon_t$ is a **random walk**; its best
#   forecast is today's value.
# * On the training part every AR model beats the naive forecast, if only
#   barely (on the same rows, more columns can only lower a least-squares
#   residual; the training RMSEs here are over slightly different rows, since
#   AR($p$) has no equation for the first $p$ days). On the test tail none of
#   them does: the AR test RMSE is 15.13 for $p = 1$
#   and grows to 15.29 for $p = 20$, against 15.09 for the naive forecast. The
#   extra parameters fit noise — overfitting again, in a milder form.
# * The test RMSE (about \$15) is twice the training RMSE (about \$7): the
#   test tail, with the 2008 crisis, is far more volatile. A model cannot
#   forecast a change in the noise level from the mean of the past.
#
# That a linear model built from past prices cannot beat "no change" is what
# the *efficient-market hypothesis* predicts: if past prices predicted
# tomorrow's, traders would already have used them. **Figure 3** zooms in on
# the last 60 test days: the forecasts look good at a glance, but they are
# the actual price shifted one day to the right.

# %%
coef5 = fit_ar(price[:n_train], 5)
pred5 = one_step_forecasts(coef5, price, n_train)
zoom = slice(len(price) - 60, len(price))
fig, ax = plt.subplots(figsize=(8, 4.2))
ax.plot(dates[zoom], price[zoom], "k.-", lw=1, label="actual price")
ax.plot(dates[zoom], pred5[-60:], "C0o-", ms=3, lw=1, label="AR(5), one step ahead")
ax.plot(dates[zoom], naive[-60:], "C1x--", ms=4, lw=1, label="naive: yesterday's price")
ax.set_xlabel("date")
ax.set_ylabel("price (USD)")
ax.set_title("Figure 3: one-step-ahead forecasts, last 60 days of the test tail")
ax.legend(fontsize=8)
fig.autofmt_xdate()
plt.show()

# %% [markdown]
# **A leak that looks like skill.** A tempting mistake is to build the lag
# matrix from the *whole* series — test tail included — and then "evaluate" on
# the test tail. The model has then been fitted to the very errors it is
# scored on:

# %%
coef_leak = fit_ar(price, 20)                 # WRONG: fitted on train + test
coef_honest = fit_ar(price[:n_train], 20)
print(f"AR(20) test RMSE, fitted on the training part: {rmse(actual, one_step_forecasts(coef_honest, price, n_train)):.3f}")
print(f"AR(20) test RMSE, fitted on everything (leak): {rmse(actual, one_step_forecasts(coef_leak, price, n_train)):.3f}")
print(f"naive forecast:                               {rmse(actual, naive):.3f}")

# %% [markdown]
# With the leak, AR(20) "beats" the naive forecast on the test tail (14.81
# against 15.09); honestly fitted, it loses (15.29). The improvement is
# pure information from the future. In any time-series pipeline — scaling,
# feature selection, choosing $p$ — every quantity must be computed from the
# training part alone.
#
# ## 7. Residual analysis
#
# A fitted model is judged not only by its error but by what it leaves over.
# If the model has captured all the linear structure, the residuals
# $r_t = x_t - \hat x_t$ should look like unpredictable noise: mean zero, no
# correlation with their own past, constant spread. The tool for the second
# property is the **sample autocorrelation** at lag $k$,
#
# $$
# \rho_k = \frac{\sum_{t=k}^{N-1} (r_t - \bar r)(r_{t-k} - \bar r)}{\sum_{t=0}^{N-1} (r_t - \bar r)^2},
# $$
#
# the cosine similarity (chapter 01) between the centred residual vector and its
# own shift by $k$, up to the $k$ terms missing at the ends. For white noise,
# each $\rho_k$ is approximately normal with standard deviation $1/\sqrt N$,
# so about 95 % of the values fall inside $\pm 1.96/\sqrt N$.


# %%
def autocorrelation(r, max_lag):
    r = np.asarray(r, dtype=float) - np.mean(r)
    return np.array([r[k:] @ r[:len(r) - k] for k in range(1, max_lag + 1)]) / (r @ r)


coef1 = fit_ar(price[:n_train], 1)
X1, y1 = lag_matrix(price[:n_train], 1)
resid = y1 - X1 @ coef1                       # training residuals of AR(1)
band = 1.96 / np.sqrt(len(resid))
acf_r = autocorrelation(resid, 20)
acf_abs = autocorrelation(np.abs(resid), 20)
print(f"AR(1) residuals: mean {abs(resid.mean()):.3f}, std {resid.std():.3f}, 95% band +-{band:.3f}")
print("lags outside the band, residuals:     ", np.flatnonzero(np.abs(acf_r) > band) + 1)
print("lags outside the band, |residuals|:   ", np.flatnonzero(np.abs(acf_abs) > band) + 1)
kurt = np.mean((resid - resid.mean()) ** 4) / resid.var() ** 2
print(f"kurtosis {kurt:.1f} (3 for a normal distribution)")

# %% [markdown]
# **Figure 4** shows the three diagnostics: the residuals over time, their
# autocorrelations, and the autocorrelations of their absolute values.

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
axes[0].plot(dates[1:n_train], resid, "C0-", lw=0.6)
axes[0].axhline(0, color="k", lw=0.6)
axes[0].set_xlabel("date")
axes[0].set_ylabel("residual (USD)")
axes[0].set_title("residuals $x_t - \\hat x_t$ (training part)")
axes[0].xaxis.set_major_locator(matplotlib.dates.YearLocator())
axes[0].xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
lags = np.arange(1, 21)
for ax, acf, what in [(axes[1], acf_r, "residuals"), (axes[2], acf_abs, "|residuals|")]:
    ax.axhspan(-band, band, color="C1", alpha=0.25, zorder=0, label=r"$\pm 1.96/\sqrt{N}$")
    ax.bar(lags, acf, color="C0", width=0.6, zorder=2)
    ax.axhline(0, color="k", lw=0.6)
    ax.set_ylim(-0.25, 0.45)
    ax.set_xlabel("lag $k$")
    ax.set_ylabel(r"autocorrelation $\rho_k$")
    ax.set_title(f"autocorrelation of the {what}")
    ax.legend(fontsize=8)
fig.suptitle("Figure 4: residual analysis of AR(1) on the GOOG price")
fig.tight_layout()
plt.show()

# %% [markdown]
# The diagnosis:
#
# * **No linear structure is left.** Only 2 of the 20 residual autocorrelations
#   (lags 7 and 8) fall just outside the band, about what chance gives (1 in 20
#   expected for white noise), and all are small. A linear model of the past has nothing more
#   to extract, which is why adding lags did not help.
# * **The spread is not constant.** The residuals come in calm and in
#   turbulent stretches, and their *absolute values* are clearly
#   autocorrelated (13 of the 20 lags lie outside the band, all positive):
#   large moves follow large moves (*volatility clustering*). The size of
#   tomorrow's error is partly predictable even though its sign is not —
#   the business of volatility models (ARCH/GARCH), which a least-squares fit
#   of the mean cannot see.
# * **Heavy tails.** A kurtosis of about 7, against 3 for a normal
#   distribution, means extreme days are much more frequent than a Gaussian
#   model would say — important for risk, invisible in the RMSE.
#
# ## 8. A series with memory: one-step and multi-step forecasts
#
# To see AR models at their best we need a series whose past *does* predict
# its future. We simulate one with a known answer: an AR(2) process with mean
# 50 and coefficients chosen (Section 9 explains how) to produce a noisy
# oscillation with a period of about 20 steps, like a seasonal demand or a
# biological rhythm:
#
# $$
# x_t = 50 + 1.807\,(x_{t-1} - 50) - 0.9025\,(x_{t-2} - 50) + \varepsilon_t,
# \qquad \varepsilon_t \sim \mathcal{N}(0, 1) \text{ independent}.
# $$
#
# In the form of Section 5, $a_1 = 1.807$, $a_2 = -0.9025$ and
# $c = 50\,(1 - a_1 - a_2) \approx 4.775$. We simulate 500 steps, drop the first
# 100 (so that the arbitrary start is forgotten), and keep 300 steps for
# training and 100 for testing.

# %%
r_true, period_true = 0.95, 20
a_true = np.array([2 * r_true * np.cos(2 * np.pi / period_true), -r_true**2])
mu = 50.0
c_true = mu * (1 - a_true.sum())
z = np.zeros(500)                              # deviations from the mean
noise = rng.normal(size=500)
for t in range(2, 500):
    z[t] = a_true[0] * z[t - 1] + a_true[1] * z[t - 2] + noise[t]
series = mu + z[100:]
m_train = 300
print(f"true (c, a_1, a_2):   ({c_true:.4f}, {a_true[0]:.4f}, {a_true[1]:.4f})")
coef_ar2 = fit_ar(series[:m_train], 2)
print(f"fitted on 300 steps:  ({coef_ar2[0]:.4f}, {coef_ar2[1]:.4f}, {coef_ar2[2]:.4f})")

# %% [markdown]
# Least squares recovers $a_1$ and $a_2$ to within 0.01 (1.814 and −0.908
# against 1.807 and −0.9025) and the intercept to within 0.12 (4.658 against
# 4.775). Now two kinds of
# forecast of the test part:
#
# * **one step ahead**, as in Section 6: each forecast uses the true previous
#   values;
# * **recursive multi-step**: standing at the end of the training part, with
#   nothing known after it, forecast $h = 1, 2, \dots, 100$ steps ahead by
#   feeding each forecast back in as if it were an observation,
#   $\hat x_{t+1} = c + a_1 x_t + a_2 x_{t-1}$, then
#   $\hat x_{t+2} = c + a_1 \hat x_{t+1} + a_2 x_t$, and so on.


# %%
c_hat, a1_hat, a2_hat = coef_ar2
prev1, prev2 = series[m_train - 1], series[m_train - 2]   # the last two observed values
multi = []
for h in range(100):
    nxt = c_hat + a1_hat * prev1 + a2_hat * prev2          # a_1 multiplies the most recent value
    multi.append(nxt)
    prev1, prev2 = nxt, prev1                              # the forecast becomes "the last value"
multi = np.array(multi)

test = series[m_train:]
one_step = one_step_forecasts(coef_ar2, series, m_train)
naive_s = series[m_train - 1:-1]
print(f"one-step AR(2) RMSE: {rmse(test, one_step):.3f}   (noise std: 1)")
print(f"naive RMSE:          {rmse(test, naive_s):.3f}")
print(f"test-part std:       {test.std():.3f}   (error of always forecasting the mean)")
for h in (1, 5, 10, 20):
    print(f"recursive forecast, steps 1 to {h:2d}: RMSE {rmse(test[:h], multi[:h]):.3f}")

# %% [markdown]
# One step ahead, AR(2) has an RMSE of 1.09, close to the noise level 1 that
# no forecast can beat, and much better than the naive forecast (1.76). The
# recursive forecast is as good for the first step (it *is* the one-step
# forecast) but degrades with the horizon, because the unknown future noise
# accumulates: over the first 20 steps its RMSE is already 3.7, approaching
# the spread of the series itself (standard deviation 5.5, the error of always
# forecasting the mean). **Figure 5** shows both.

# %%
t_idx = np.arange(len(series))
fig, ax = plt.subplots(figsize=(9, 4.3))
ax.plot(t_idx[200:m_train], series[200:m_train], "C0-", lw=1, label="training part (last 100 steps)")
ax.plot(t_idx[m_train:], test, "k.-", lw=0.8, ms=3, label="test part (held out)")
ax.plot(t_idx[m_train:], one_step, "C2-", lw=1.2, label="one-step-ahead forecasts")
ax.plot(t_idx[m_train:], multi, "C3--", lw=1.8, label="recursive forecast from step 300")
ax.axhline(mu, color="grey", lw=0.6, ls=":")
ax.axvline(m_train - 0.5, color="grey", lw=0.8)
ax.set_xlabel("time step $t$")
ax.set_ylabel("$x_t$")
ax.set_title("Figure 5: AR(2) forecasts of a simulated oscillating series")
ax.set_ylim(24, 68)
ax.legend(fontsize=8, loc="lower left", ncol=2)
plt.show()

# %% [markdown]
# The recursive forecast continues the oscillation with the right period but a
# shrinking amplitude, and settles on a constant: far from the last
# observation, the best forecast of a stationary series is its mean. (It is the
# mean of the *fitted* model, 49.14 as computed in the next section, not the
# true 50: $\mu = c/(1 - a_1 - a_2)$ divides by
# $1 - a_1 - a_2 \approx 0.1$, which magnifies small errors in the fitted
# coefficients tenfold.) Why the forecast decays, and at which rate, is a
# question about eigenvalues.
#
# ## 9. The companion matrix: why multi-step forecasts decay
#
# Write the AR($p$) recursion, without noise and in deviations
# $z_t = x_t - \mu$ from the mean $\mu = c/(1 - a_1 - \dots - a_p)$, for the
# **state vector** $\mathbf{s}_t = (z_t, z_{t-1}, \dots, z_{t-p+1})$ of the $p$
# most recent values. One step of the forecast is a matrix–vector product with
# the **companion matrix**:
#
# $$
# \mathbf{s}_{t+1} = A\,\mathbf{s}_t, \qquad
# A = \begin{pmatrix}
# a_1 & a_2 & \cdots & a_{p-1} & a_p \\
# 1 & 0 & \cdots & 0 & 0 \\
# 0 & 1 & \cdots & 0 & 0 \\
# \vdots & & \ddots & & \vdots \\
# 0 & 0 & \cdots & 1 & 0
# \end{pmatrix} .
# $$
#
# The first row computes the new value, the others shift the window. So the
# $h$-step forecast is $\mathbf{s}_{t+h} = A^h\mathbf{s}_t$, and (chapter 06)
# matrix powers are governed by the eigenvalues: if all eigenvalues satisfy
# $|\lambda| < 1$, then $A^h \to 0$ and every forecast converges to the mean,
# at the rate $|\lambda_{\max}|^h$. The series is then **stationary**. The
# eigenvalues of $A$ are the roots of
# $\lambda^p - a_1\lambda^{p-1} - \dots - a_p$; complex ones,
# $\lambda = \rho e^{\pm i\theta}$, produce oscillations of period $2\pi/\theta$.
# For $p = 2$ and $\lambda = r e^{\pm 2\pi i/20}$ the characteristic polynomial
# is $\lambda^2 - 2r\cos(2\pi/20)\,\lambda + r^2$, which is how we chose
# $a_1 = 2r\cos(2\pi/20)$ and $a_2 = -r^2$ with $r = 0.95$.


# %%
def companion(a):
    a = np.asarray(a, dtype=float)
    A = np.zeros((len(a), len(a)))
    A[0] = a
    A[1:, :-1] = np.eye(len(a) - 1)
    return A


lam = np.linalg.eigvals(companion(coef_ar2[1:]))
print("eigenvalues of the fitted companion matrix:", np.round(lam, 4))
print(f"modulus {np.abs(lam[0]):.4f} (true 0.95), period {2 * np.pi / abs(np.angle(lam[0])):.2f} steps (true 20)")

mu_fit = coef_ar2[0] / (1 - coef_ar2[1:].sum())
s_state = series[m_train - 1:m_train - 3:-1] - mu_fit          # (z_t, z_{t-1}) at the forecast origin
via_powers = [mu_fit + (np.linalg.matrix_power(companion(coef_ar2[1:]), h) @ s_state)[0] for h in range(1, 101)]
print(f"fitted mean c / (1 - a_1 - a_2) = {mu_fit:.2f} (true 50)")
print("recursive forecast = mean + first entry of A^h s_t:", np.allclose(via_powers, multi))

lam_goog = np.linalg.eigvals(companion(coef1[1:]))
print(f"GOOG AR(1): eigenvalue {lam_goog[0]:.4f}, half-life of a deviation {np.log(0.5) / np.log(abs(lam_goog[0])):.0f} trading days")

# %% [markdown]
# The fitted eigenvalues have modulus 0.95 and a period of about 20 steps,
# as designed: a deviation from the mean shrinks by 5 % per step and turns
# around every 20 steps, which is the damped wave of Figure 5. For the stock
# price, the single eigenvalue $a_1 = 0.9991$ lies a hair below 1: a deviation
# from the "mean" would take about 745 trading days — three years — to halve,
# so the forecast is in effect "no change". An eigenvalue equal to 1 (a *unit
# root*) is exactly the random walk; with $|\lambda| > 1$ the forecasts would
# explode.
#
# ## 10. Choosing the order $p$ with a validation set
#
# How many lags? More lags always reduce the training residual, so the training
# error cannot choose $p$. Nor may the test error: a test set used for a choice
# stops being a test. As in any ML model selection, we split the training part
# once more, in time: fit on its first 240 steps, score one-step forecasts on
# the next 60 (the **validation** set), choose $p$, refit on all 300 training
# steps, and only then look at the test part — once.

# %%
m_fit = 240
val_rmse = []
for p in range(1, 9):
    coef_p = fit_ar(series[:m_fit], p)
    val_rmse.append(rmse(series[m_fit:m_train], one_step_forecasts(coef_p, series[:m_train], m_fit)))
print("validation RMSE for p = 1..8:", np.round(val_rmse, 3))
p_best = int(np.argmin(val_rmse)) + 1
p_simple = 1 + int(np.flatnonzero(np.array(val_rmse) <= 1.02 * min(val_rmse))[0])   # smallest p within 2 %
print(f"best validation RMSE at p = {p_best};  smallest p within 2 % of it: p = {p_simple}")
for p in (p_simple, p_best):
    coef_p = fit_ar(series[:m_train], p)
    print(f"test RMSE of AR({p}) refitted on all 300 training steps: "
          f"{rmse(test, one_step_forecasts(coef_p, series, m_train)):.3f}")

# %% [markdown]
# AR(1) is clearly too simple (its one real eigenvalue $a_1$ makes a deviation
# shrink or grow geometrically or, for $a_1 < 0$, flip sign at every step — a
# period of 2 — but never swing with a period of 20 steps like this series), and from
# $p = 2$ on the validation errors are within 1 % of each other. The smallest is
# at $p = 4$ (0.918), but $p = 2$ (0.925) is so close that on 60 validation steps
# the difference is noise. The usual remedy is to prefer the **smallest** $p$
# whose validation error is within a small tolerance of the best — here 2 %,
# which picks $p = 2$, the true order. Its test RMSE is the 1.09 of Section 8;
# AR(4) would have scored 1.10, no better. Penalized criteria (AIC, BIC) and
# *rolling-origin* validation, which averages over several split points, are
# more systematic versions of the same idea.
#
# ## 11. Summary
#
# | concept | formula / tool | ML use |
# |---|---|---|
# | design matrix | one row per observation, one column per feature | every linear model |
# | least squares | $\min\lVert\mathbf{y} - X\mathbf{w}\rVert$; $X^\top(\mathbf{y} - X\mathbf{w}) = \mathbf{0}$ | regression, AR fitting |
# | Vandermonde matrix | columns $1, x, \dots, x^d$; `np.vander(x, d+1, increasing=True)` | polynomial features |
# | conditioning | centre and scale inputs; $\kappa(X^\top X) = \kappa(X)^2$ | stable fits, `StandardScaler` |
# | QR least squares | $X = QR$, back-substitute $R\mathbf{w} = Q^\top\mathbf{y}$ | what `lstsq`-like solvers do |
# | AR($p$) | $x_t = c + \sum_k a_k x_{t-k} + \varepsilon_t$; lag (Toeplitz/Hankel) matrix | forecasting, sequence models |
# | honest evaluation | split in time; fit on the past only; beat the naive forecast | no leakage |
# | residual analysis | autocorrelation within $\pm1.96/\sqrt N$; constant spread | model checking |
# | multi-step forecast | feed forecasts back; $\mathbf{s}_{t+h} = A^h\mathbf{s}_t$ | horizons, stationarity |
#
# Practical lessons: split time series in time and fit every step on the
# training part only; always report the naive forecast beside your model; scale
# the inputs of polynomial features and solve with QR or `lstsq`, not the normal
# equations; a `lstsq` that reports a rank below the number of columns is a
# warning, not a detail; look at the residuals, not only at the RMSE; choose the
# model order on a validation set, not on the test set.
#
# ## What's next
#
# All the matrices of this chapter were small and dense. **Chapter 11 — Sparse
# matrices** turns to matrices with tens of thousands of rows and more, whose
# entries are mostly zero — graphs, text, recommender data — and to the storage
# formats and iterative solvers that make linear systems, least squares and
# eigenproblems feasible at that scale (`lsqr`, for instance, solves a
# least-squares problem using only products with the matrix).
