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
# # Chapter 05 — Determinants
#
# The **determinant** condenses a square matrix $A \in \mathbb{R}^{n\times n}$
# into one number, $\det A$. That number answers three questions about the map
# $\mathbf{x} \mapsto A\mathbf{x}$ at once:
#
# * **by how much does it scale volumes?** — by the factor $|\det A|$;
# * **does it flip space over?** — yes exactly when $\det A < 0$;
# * **is it invertible?** — exactly when $\det A \ne 0$.
#
# In machine learning you rarely compute a determinant to solve a system (that
# would be slow and inaccurate), but the *logarithm* of a determinant is
# everywhere: in the likelihood of every Gaussian model, in Gaussian processes
# and in normalizing flows. And the eigenvalues of the next chapter are exactly
# the roots of a determinant, the characteristic polynomial.
#
# This chapter covers:
#
# 1. area, volume and orientation;
# 2. the determinant of an $n\times n$ matrix (Leibniz and cofactor formulas);
# 3. its properties, checked numerically;
# 4. computing it with elimination (LU), and what the textbook formula costs;
# 5. symbolic determinants with SymPy: when does a matrix with a parameter become singular?
# 6. the characteristic polynomial and eigenvalues;
# 7. the log-determinant, and the Gaussian log-likelihood.
#
# We use chapter 02 (matrices as maps) and chapter 03 (Gaussian elimination and
# LU, the condition number) along the way.

# %%
import math
import time
from itertools import permutations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import scipy.linalg
import scipy.stats
import sympy as sp
from IPython.display import display

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook

# %% [markdown]
# ## 1. Area, volume and orientation
#
# ### The $2\times 2$ case
#
# For a $2\times 2$ matrix
#
# $$
# A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}, \qquad \det A = ad - bc .
# $$
#
# The map $\mathbf{x} \mapsto A\mathbf{x}$ sends the standard basis vectors
# $\mathbf{e}_1, \mathbf{e}_2$ to the columns $A\mathbf{e}_1 = (a, c)$ and
# $A\mathbf{e}_2 = (b, d)$ (chapter 02), so it sends the **unit square** (the
# square with sides $\mathbf{e}_1, \mathbf{e}_2$, area 1) to the
# **parallelogram** with sides $(a, c)$ and $(b, d)$. Its area is exactly
# $|ad - bc|$.
#
# *Why:* assume $a \ne 0$ (the case $a = 0$ is similar) and subtract $b/a$
# times the first column from the second. This slides the second side along
# the first one — a shear, which keeps the base and the height, hence the
# area — and leaves the sides $(a, c)$ and $(0, d - bc/a)$. Sliding the first
# side along the new second one in the same way (if $d - bc/a \ne 0$) turns
# the parallelogram into the rectangle with sides $(a, 0)$ and
# $(0, d - bc/a)$, of area $|a\,(d - bc/a)| = |ad - bc|$. (If
# $d - bc/a = 0$, the second side is $\mathbf{0}$ and the area is $0 = |ad - bc|$.)
#
# The **sign** of $\det A$ records the **orientation**. Turning
# $\mathbf{e}_1$ towards $\mathbf{e}_2$ is a counter-clockwise turn. If
# $\det A > 0$, turning $A\mathbf{e}_1$ towards $A\mathbf{e}_2$ (the short way)
# is still counter-clockwise; if $\det A < 0$ it is clockwise: the map
# includes a reflection, like looking at the plane in a mirror. If
# $\det A = 0$ the two columns are parallel (linearly dependent) and the square
# is flattened onto a line, or a point: area 0.
#
# **Figure 1** draws the unit square (dashed), its image (filled) and a small
# counter-clockwise arrow (grey) together with its image (black), for three
# matrices.

# %%
A_pos = np.array([[2.0, 1.0],
                  [0.5, 1.5]])
A_neg = np.array([[1.0, 1.0],
                  [1.5, -0.5]])
A_zero = np.array([[1.0, 2.0],
                   [0.5, 1.0]])   # second column = 2 * first column
for name, M in [("A_pos", A_pos), ("A_neg", A_neg), ("A_zero", A_zero)]:
    a, b, c, d = M.ravel()
    print(f"{name}: ad - bc = {a * d - b * c:5.2f}   np.linalg.det = {np.linalg.det(M):5.2f}")

# %%
square = np.array([[0, 1, 1, 0, 0],
                   [0, 0, 1, 1, 0]], dtype=float)         # corners as columns, closed
s = np.linspace(0.15 * np.pi, 1.65 * np.pi, 60)
arc = np.array([0.5 + 0.25 * np.cos(s), 0.5 + 0.25 * np.sin(s)])  # counter-clockwise

fig, axes = plt.subplots(1, 3, figsize=(13, 4.8), layout="constrained")
for ax, M, title in [(axes[0], A_pos, "area x 2.5, orientation kept"),
                     (axes[1], A_neg, "area x 2, orientation flipped"),
                     (axes[2], A_zero, "flattened onto a line: area 0")]:
    img, img_arc = M @ square, M @ arc
    ax.plot(square[0], square[1], "k--", lw=1)
    ax.fill(img[0], img[1], color="C0", alpha=0.25)
    ax.plot(img[0], img[1], color="C0", lw=1.5)
    for vec, col, lab in [(M[:, 0], "C3", r"$A\mathbf{e}_1$"), (M[:, 1], "C2", r"$A\mathbf{e}_2$")]:
        ax.annotate("", xy=vec, xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color=col, lw=2))
        ax.text(*(1.08 * vec + 0.06), lab, color=col, fontsize=12)
    for curve, col in [(arc, "grey"), (img_arc, "k")][: 2 if np.linalg.matrix_rank(M) == 2 else 1]:
        ax.plot(curve[0, :-2], curve[1, :-2], color=col, lw=1.2)
        ax.annotate("", xy=curve[:, -1], xytext=curve[:, -3],
                    arrowprops=dict(arrowstyle="-|>", color=col, lw=1.2))
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_aspect("equal")
    ax.set_xlim(-0.7, 3.4)
    ax.set_ylim(-1.0, 2.4)
    ax.set_title(f"det = {np.linalg.det(M):.1f}: {title}", fontsize=11)
fig.suptitle("Figure 1: the unit square (dashed) and its image under A (filled)")
plt.show()

# %% [markdown]
# In the left panel the grey arrow and its image (black) both turn
# counter-clockwise. In the middle one the image turns clockwise: $A_{neg}$
# flips the plane over. On the right, both columns lie on the same line and the
# square (and the arrow with it) collapses to a segment: $A_{zero}$ is not invertible, since two
# different points, e.g. $(2, 0)$ and $(0, 1)$, land on the same image.
#
# ### Every area scales by $|\det A|$, not just the square's
#
# Cover any region with a fine grid of little squares. A linear map sends every
# little square to a little parallelogram whose area is $|\det A|$ times the
# square's area, so the whole region's area is multiplied by $|\det A|$ too.
# Let us check it on the unit disc, of area $\pi$, whose image is an ellipse.
# The **shoelace formula** measures the area of a polygon with corners
# $\mathbf{p}_0, \dots, \mathbf{p}_{m-1}$ (in counter-clockwise order) — and it is itself a
# sum of $2\times 2$ determinants, one signed triangle per edge:
#
# $$
# \text{area} = \frac12 \sum_{k=0}^{m-1} \det\begin{pmatrix} \mathbf{p}_k & \mathbf{p}_{k+1} \end{pmatrix},
# \qquad \mathbf{p}_m = \mathbf{p}_0 .
# $$

# %%
def polygon_area(P):
    """Signed area of the polygon whose corners are the columns of P (shoelace formula)."""
    x, y = P
    x_next, y_next = np.roll(x, -1), np.roll(y, -1)
    return 0.5 * np.sum(x * y_next - x_next * y)


theta = np.linspace(0, 2 * np.pi, 2000, endpoint=False)
disc = np.array([np.cos(theta), np.sin(theta)])           # a 2000-gon, very close to the unit circle
print("area of the disc:             ", round(polygon_area(disc), 6), "  pi =", round(np.pi, 6))
for name, M in [("A_pos", A_pos), ("A_neg", A_neg)]:
    print(f"area of its image under {name}:", round(polygon_area(M @ disc), 6),
          "  pi * det =", round(np.pi * np.linalg.det(M), 6))

# %% [markdown]
# The image under $A_{pos}$ has area $2.5\pi$. Under $A_{neg}$ the shoelace
# formula returns $-2\pi$: the image polygon runs *clockwise*, and the signed
# area records the flip exactly as the sign of the determinant does.

# %% [markdown]
# ### Try it: move the entries of $A$
#
# The next cell draws what $A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}$
# does to the whole plane: the original grid (faint grey) and its image (blue
# lines), the unit circle (dotted) and its image (orange: an **ellipse**, whose
# semi-axes, the thin orange segments, have lengths $\sigma_1 \ge \sigma_2$, the
# singular values of chapter 06), the unit square (dashed) and its image
# (filled: blue while $\det A > 0$, purple when $\det A < 0$), $A\mathbf{e}_1$
# (red) and $A\mathbf{e}_2$ (green), and the small counter-clockwise arrow of
# Figure 1 (grey) with its image (black). The title and the line under the
# sliders give $\det A = ad - bc$, the signed area of the filled
# parallelogram, and $\sigma_1, \sigma_2$. The saved notebook shows $A_{pos}$;
# run the cell to get a slider for each entry. Things to try, in this order:
#
# * Set $c = 1$ and $d = 0.5$. The columns $(2, 1)$ and $(1, 0.5)$ are
#   parallel, $\det A = 2 \cdot 0.5 - 1 \cdot 1 = 0$, and the whole plane
#   collapses onto a line: the ellipse flattens to a segment ($\sigma_2 = 0$)
#   and so does the square.
# * Keep going, to $d = -1$: now $\det A = 2 \cdot (-1) - 1 \cdot 1 = -3$, the
#   square turns purple and the black arrow turns clockwise — orientation
#   flipped. To get from positive to negative, the determinant has to pass
#   through 0.
# * Set $b = c = 0$ and $d = 1$: a stretch along the axes, with
#   $\det A = ad$. Make $a$ negative: the stretch now includes a reflection
#   across the vertical axis, and $\det A < 0$.
# * Set $a = d = 0$, $b = -1$, $c = 1$: the rotation by 90°, with
#   $\det A = 1$; the circle stays a circle ($\sigma_1 = \sigma_2 = 1$).
# * Exchange the two columns ($a \leftrightarrow b$, $c \leftrightarrow d$):
#   the parallelogram and the ellipse stay put, and only the sign of the
#   determinant (and the colour) changes.
#
# Whatever you do, $\sigma_1\sigma_2 = |\det A|$: the ellipse's area
# $\pi\sigma_1\sigma_2$ is $|\det A|$ times the disc's.

# %%
def draw_plane_map(ax, M):
    """The grid, the unit circle, the unit square and an orientation arrow, all mapped by M (2 x 2)."""
    ax.clear()
    det = round(M[0, 0] * M[1, 1] - M[0, 1] * M[1, 0], 6) + 0.0   # + 0.0 turns -0.0 into 0.0
    s = np.array([-8.0, 8.0])
    for c in range(-8, 9):
        for line in (np.array([np.full(2, c), s]), np.array([s, np.full(2, c)])):
            ax.plot(line[0], line[1], color="0.92", lw=0.8, zorder=0)          # the original grid
            img = M @ line
            ax.plot(img[0], img[1], color="C0", lw=0.8, alpha=0.5, zorder=1)  # its image
    t = np.linspace(0, 2 * np.pi, 200)
    ax.plot(np.cos(t), np.sin(t), color="C1", lw=1, ls=":")
    ax.plot(*(M @ np.array([np.cos(t), np.sin(t)])), color="C1", lw=2)
    U, sigma, _ = np.linalg.svd(M)
    for i in range(2):                                                 # the semi-axes sigma_i u_i
        ax.plot([0, sigma[i] * U[0, i]], [0, sigma[i] * U[1, i]], color="C1", lw=1)
    ax.plot(square[0], square[1], "k--", lw=1, zorder=2)
    img = M @ square
    ax.fill(img[0], img[1], color="C0" if det > 0 else "C4", alpha=0.25 if det > 0 else 0.4, zorder=2)
    ax.plot(img[0], img[1], color="C0" if det >= 0 else "C4", lw=1.2, zorder=2)
    for vec, col in [(M[:, 0], "C3"), (M[:, 1], "C2")]:
        ax.annotate("", xy=vec, xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color=col, lw=2))
    for curve, col in [(arc, "grey"), (M @ arc, "k")][: 2 if det != 0 else 1]:
        ax.plot(curve[0, :-2], curve[1, :-2], color=col, lw=1.2, zorder=3)
        ax.annotate("", xy=curve[:, -1], xytext=curve[:, -3], arrowprops=dict(arrowstyle="-|>", color=col, lw=1.2))
    ax.set_xlim(-4.2, 4.2)
    ax.set_ylim(-4.2, 4.2)
    ax.set_aspect("equal")
    if det > 0:
        verdict = f"area × {det:.2f}, orientation kept"
    elif det < 0:
        verdict = f"area × {-det:.2f}, orientation flipped"
    else:
        verdict = "area 0: the plane collapses onto a " + ("line" if M.any() else "point")
    ax.set_title(f"A = [[{M[0, 0]:g}, {M[0, 1]:g}], [{M[1, 0]:g}, {M[1, 1]:g}]]:  det A = {det:.2f}\n{verdict}\n"
                 f"ellipse semi-axes $\\sigma_1$ = {sigma[0]:.3f}, $\\sigma_2$ = {sigma[1]:.3f}", fontsize=11)
    return det


def plane_map_explorer(M0):
    """Sliders for the four entries of a 2 x 2 matrix, the determinant, and the figure they drive."""
    sliders = [widgets.FloatSlider(value=v, min=-2, max=2, step=0.1, description=name, readout_format=".1f",
                                   continuous_update=False, layout=widgets.Layout(width="300px"))
               for name, v in zip("abcd", np.ravel(M0))]
    info = widgets.HTML()
    fig, ax = plt.subplots(figsize=(6.4, 6.4))
    plt.close(fig)   # shown once below, then redrawn in place: not again by the inline backend

    def update(change=None):
        a, b, c, d = (round(s.value, 1) for s in sliders)
        M = np.array([[a, b], [c, d]])
        det = draw_plane_map(ax, M)
        sigma = np.linalg.svd(M, compute_uv=False)
        info.value = (f"<b>det A</b> = ad &minus; bc = ({a:g})({d:g}) &minus; ({b:g})({c:g}) = <b>{det:.2f}</b>"
                      f" &nbsp;&middot;&nbsp; ellipse semi-axes &sigma;<sub>1</sub> = {sigma[0]:.3f}, "
                      f"&sigma;<sub>2</sub> = {sigma[1]:.3f} (&sigma;<sub>1</sub>&sigma;<sub>2</sub> = "
                      f"{sigma[0] * sigma[1]:.2f} = |det A|)")
        if change is not None:
            figure.update(fig)

    for s in sliders:
        s.observe(update, names="value")
    update()
    controls = widgets.VBox([widgets.HBox(sliders[:2]), widgets.HBox(sliders[2:]), info])
    # the sliders; without a running kernel, a line of text says what they are
    display({"application/vnd.jupyter.widget-view+json":
             {"model_id": controls.model_id, "version_major": 2, "version_minor": 0},
             "text/plain": "[sliders for a, b, c, d: run this cell to use them]"}, raw=True)
    figure = display(fig, display_id=True)   # a real image in the saved notebook, updated in place


plane_map_explorer(A_pos)

# %% [markdown]
# ### Three dimensions and beyond
#
# In $\mathbb{R}^3$ the unit cube goes to the **parallelepiped** spanned by the
# three columns of $A$, and $|\det A|$ is its volume. In $\mathbb{R}^n$,
# $|\det A|$ is the factor by which $\mathbf{x} \mapsto A\mathbf{x}$ multiplies
# every $n$-dimensional volume. The sign says whether the ordered columns keep
# the "handedness" of $\mathbf{e}_1, \dots, \mathbf{e}_n$ (in 3-D: the
# right-hand rule).
#
# A **triangle** is half of a parallelogram; a **tetrahedron** is one sixth of
# a parallelepiped; in general the simplex with corners
# $\mathbf{p}_0, \mathbf{p}_1, \dots, \mathbf{p}_k \in \mathbb{R}^k$ has volume
#
# $$
# \operatorname{vol} = \frac{1}{k!}\,\bigl|\det\begin{pmatrix} \mathbf{p}_1 - \mathbf{p}_0 & \cdots & \mathbf{p}_k - \mathbf{p}_0 \end{pmatrix}\bigr| .
# $$
#
# For example the tetrahedron with corners $\mathbf{0}, \mathbf{e}_1, \mathbf{e}_2, \mathbf{e}_3$
# has volume $\det I / 3! = 1/6$.

# %%
C = np.array([[1.0, 0.0, 0.0],
              [0.0, 2.0, 0.0],
              [0.0, 0.0, 3.0]])
print("box with sides 1, 2, 3:                 det =", round(np.linalg.det(C), 6))
C_shear = C.copy()
C_shear[:, 2] += 5 * C[:, 0] - 2 * C[:, 1]      # slide the top face: same base, same height
print("after sliding the third edge:           det =", round(np.linalg.det(C_shear), 6))
C_swap = C[:, [1, 0, 2]]                        # same box, edges listed in another order
print("first two edges swapped (left-handed):  det =", round(np.linalg.det(C_swap), 6))
print("volume of the tetrahedron 0, e1, e2, e3:", round(abs(np.linalg.det(np.eye(3))) / math.factorial(3), 6))

# %% [markdown]
# Sliding the top face of a box (adding multiples of the other edges to one
# edge) does not change its volume, 6; listing the edges in another order
# changes only the sign.
#
# **Why it matters in ML.** When a model transforms data with an invertible
# map, probability densities must be corrected by exactly this volume factor:
# if $A$ doubles areas, the same probability mass is spread over twice the
# area and the density halves. Section 7 turns this into the normalizing
# constant of the Gaussian and into the training objective of normalizing
# flows.

# %% [markdown]
# ## 2. The determinant of an $n\times n$ matrix
#
# The determinant is the only function of the columns
# $\mathbf{a}_1, \dots, \mathbf{a}_n$ of a matrix with three properties, each a
# property of signed volume:
#
# 1. it is **linear in each column** (the others fixed): stretching one edge by
#    $c$ multiplies the volume by $c$, and volumes of boxes that differ in one edge add up;
# 2. it is **alternating**: swapping two columns flips the sign (hence two
#    equal columns give 0);
# 3. it is **normalized**: $\det I = 1$ (the unit cube).
#
# Expanding every column as $\mathbf{a}_j = \sum_i a_{ij}\mathbf{e}_i$ and using
# these rules gives the **Leibniz formula**: one term per permutation $\sigma$
# of $\{1, \dots, n\}$ (a way to pick one entry in every row and column),
#
# $$
# \det A = \sum_{\sigma} \operatorname{sgn}(\sigma)\, a_{\sigma(1),1}\, a_{\sigma(2),2} \cdots a_{\sigma(n),n} ,
# $$
#
# where $\operatorname{sgn}(\sigma) = +1$ if $\sigma$ is a product of an even
# number of swaps and $-1$ if odd; equivalently $(-1)^{\text{inversions}}$,
# where an inversion is a pair $i < j$ with $\sigma(i) > \sigma(j)$. For
# $n = 2$ there are two terms, $a_{11}a_{22} - a_{21}a_{12}$; for $n = 3$
# there are six,
#
# $$
# \det A = a_{11}a_{22}a_{33} + a_{12}a_{23}a_{31} + a_{13}a_{21}a_{32}
#        - a_{13}a_{22}a_{31} - a_{11}a_{23}a_{32} - a_{12}a_{21}a_{33} .
# $$
#
# In general there are $n!$ terms.

# %%
def perm_sign(p):
    """+1 for an even permutation of 0..n-1, -1 for an odd one (count the inversions)."""
    inversions = sum(1 for i in range(len(p)) for j in range(i + 1, len(p)) if p[i] > p[j])
    return -1 if inversions % 2 else 1


def det_leibniz(A):
    """The Leibniz formula, term by term: n! products of n entries."""
    n = len(A)
    total = 0.0
    for p in permutations(range(n)):
        term = perm_sign(p)
        for j in range(n):
            term *= A[p[j]][j]   # entry (sigma(j), j): one entry from every row and column
        total += term
    return total


A3 = np.array([[2.0, -1.0, 0.0],
               [1.0, 3.0, 1.0],
               [0.0, 2.0, 4.0]])
print("Leibniz:       ", det_leibniz(A3))
print("np.linalg.det: ", round(np.linalg.det(A3), 10))
A5 = rng.normal(size=(5, 5))
print("random 5x5 agrees:", np.isclose(det_leibniz(A5), np.linalg.det(A5)))

# %% [markdown]
# ### Cofactor (Laplace) expansion
#
# Grouping the Leibniz terms by the entry they take from the first row gives
# the **cofactor expansion** along row 1:
#
# $$
# \det A = \sum_{j=1}^{n} (-1)^{1+j}\, a_{1j}\, \det M_{1j} ,
# $$
#
# where the **minor** $M_{1j}$ is the $(n-1)\times(n-1)$ matrix left after
# deleting row 1 and column $j$. The signs alternate $+, -, +, \dots$ along the
# row (the checkerboard $(-1)^{i+j}$), and the same formula works along any row
# or column. Recursively applied, it reduces an $n\times n$ determinant to
# $2\times 2$ (or $1\times 1$) ones. For $A_3$ above:
#
# $$
# \det\begin{pmatrix} 2 & -1 & 0 \\ 1 & 3 & 1 \\ 0 & 2 & 4 \end{pmatrix}
# = 2\det\begin{pmatrix} 3 & 1 \\ 2 & 4 \end{pmatrix}
# - (-1)\det\begin{pmatrix} 1 & 1 \\ 0 & 4 \end{pmatrix}
# + 0 \cdot \det\begin{pmatrix} 1 & 3 \\ 0 & 2 \end{pmatrix}
# = 2\cdot 10 + 4 + 0 = 24 .
# $$
#
# Expanding along a row or column with many zeros saves work by hand. But
# Section 4 shows that, as an algorithm, either formula is hopeless beyond
# tiny $n$.

# %% [markdown]
# ## 3. Properties, checked numerically
#
# | property | formula | reason |
# |---|---|---|
# | product rule | $\det(AB) = \det A \det B$ | doing $B$ then $A$ scales volumes by both factors |
# | transpose | $\det A^\top = \det A$ | rows and columns play the same role (Leibniz) |
# | inverse | $\det A^{-1} = 1/\det A$ | product rule with $AA^{-1} = I$ |
# | scalar multiple | $\det(cA) = c^n \det A$ | every one of the $n$ edges is stretched by $c$ |
# | triangular | $\det A = a_{11}a_{22}\cdots a_{nn}$ | every other Leibniz term contains a zero |
# | orthogonal $Q$ | $\det Q = \pm 1$ | $1 = \det(Q^\top Q) = (\det Q)^2$ |
# | invertibility | $\det A \ne 0 \iff$ $A$ invertible $\iff$ columns independent | dependent columns span a flat, zero-volume set |
#
# Note what is **not** in the table: in general
# $\det(A + B) \ne \det A + \det B$, and $\det(cA) \ne c\det A$ for $n > 1$.
# Let us test each line on random matrices.

# %%
n = 4
A = rng.normal(size=(n, n))
B = rng.normal(size=(n, n))
dA, dB = np.linalg.det(A), np.linalg.det(B)
print(f"det A = {dA:.4f}, det B = {dB:.4f}")
print(f"det(AB)     = {np.linalg.det(A @ B):.4f}   det A * det B = {dA * dB:.4f}")
print(f"det(A^T)    = {np.linalg.det(A.T):.4f}")
print(f"det(A^-1)   = {np.linalg.det(np.linalg.inv(A)):.4f}   1 / det A   = {1 / dA:.4f}")
print(f"det(3A)     = {np.linalg.det(3 * A):.4f}   3^4 * det A = {3**n * dA:.4f}   (3 * det A = {3 * dA:.4f})")
print(f"det(A + B)  = {np.linalg.det(A + B):.4f}   det A + det B = {dA + dB:.4f}   (no rule)")

# %%
T = np.triu(rng.normal(size=(n, n)))           # upper triangular
print("triangular: det =", round(np.linalg.det(T), 6), "  product of diagonal =", round(np.prod(np.diag(T)), 6))

Q, _ = np.linalg.qr(rng.normal(size=(n, n)))   # a random orthogonal matrix
print("orthogonal Q: det =", round(np.linalg.det(Q), 6))
R = np.diag([1.0, 1.0, 1.0, -1.0]) @ Q          # compose with a mirror
print("mirror @ Q:   det =", round(np.linalg.det(R), 6))

S = np.array([[0.1, 0.2, 0.3],
              [0.4, 0.5, 0.6],
              [0.7, 0.8, 0.9]])                # row 3 = 2 * row 2 - row 1: singular
print("singular S: rank =", np.linalg.matrix_rank(S), "  |det S| < 1e-12:", abs(np.linalg.det(S)) < 1e-12)

# %% [markdown]
# $S$ is singular, so $\det S = 0$ exactly. Floating point usually does not
# say so: the next cell typically prints a tiny non-zero number of the order
# of $10^{-17}$ (the digits depend on your CPU and linear-algebra library) —
# the entries 0.1, 0.2, ... are not exactly representable in binary, and
# rounding errors do the rest.

# %% tags=["nbval-ignore-output"]
print("np.linalg.det(S) =", np.linalg.det(S))
assert abs(np.linalg.det(S)) < 1e-15  # zero, or a rounding residue

# %% [markdown]
# **Never test invertibility with `det(A) == 0`**, and
# do not use $|\det A|$ as a measure of "how close to singular" a matrix is
# either. The determinant changes with the *scale* of the matrix, the
# condition number (chapter 03) does not:

# %%
D = 0.1 * np.eye(100)                 # perfectly well-conditioned
N = np.array([[1.0, 1e6],
              [0.0, 1.0]])            # det 1, yet nearly singular
print(f"0.1 * I_100:       det = {np.linalg.det(D):.1e}   cond = {np.linalg.cond(D):.1f}")
print(f"[[1, 1e6], [0, 1]]: det = {np.linalg.det(N):.1f}      cond = {np.linalg.cond(N):.1e}")

# %% [markdown]
# $0.1\,I_{100}$ has determinant $10^{-100}$, yet solving a system with it is
# as easy as it gets (condition number 1). The shear $N$ has determinant 1,
# yet its condition number is about $10^{12}$: a tiny change in $\mathbf{b}$
# can change the solution of $N\mathbf{x} = \mathbf{b}$ enormously.
#
# ### Row operations
#
# Since $\det A^\top = \det A$, everything said about columns holds for rows.
# The three row operations of Gaussian elimination change the determinant in
# a simple, predictable way:
#
# | row operation | effect on $\det$ |
# |---|---|
# | swap two rows | multiplies it by $-1$ |
# | multiply a row by $c$ | multiplies it by $c$ |
# | add a multiple of one row to another | no change |

# %%
E = A3.copy()
print("det A3                          :", round(np.linalg.det(E), 6))
E[[0, 1]] = E[[1, 0]]
print("rows 0 and 1 swapped            :", round(np.linalg.det(E), 6))
E[2] *= 0.5
print("then row 2 multiplied by 0.5    :", round(np.linalg.det(E), 6))
E[2] -= 7 * E[0]
print("then 7 * row 0 subtracted from 2:", round(np.linalg.det(E), 6))

# %% [markdown]
# $24 \to -24 \to -12 \to -12$, as the table predicts. These three rules,
# together with the triangular rule, are all we need to compute determinants
# efficiently.

# %% [markdown]
# ## 4. Computing determinants: elimination, not expansion
#
# Gaussian elimination turns $A$ into an upper-triangular $U$ using only row
# swaps and "add a multiple of one row to another". The second kind never
# changes the determinant, each swap flips its sign, and the determinant of
# $U$ is the product of its diagonal. So
#
# $$
# \det A = (-1)^{\#\text{swaps}}\; u_{11} u_{22} \cdots u_{nn} .
# $$
#
# With **partial pivoting** (chapter 03), step $k$ swaps into the pivot
# position the row with the largest $|{\rm entry}|$ in column $k$, on or below
# the diagonal. If that whole part of the column is zero, $A$ is singular and
# $\det A = 0$. Let us do it by hand on a $3\times 3$ matrix whose first
# pivot is 0.

# %%
A_ex = np.array([[0.0, 2.0, 1.0],
                 [1.0, 1.0, 1.0],
                 [2.0, 1.0, 3.0]])
U = A_ex.copy()
U[[0, 2]] = U[[2, 0]]                    # column 0: largest |entry| is in row 2 -> swap 1
U[1] -= (U[1, 0] / U[0, 0]) * U[0]       # eliminate below the pivot 2
U[2] -= (U[2, 0] / U[0, 0]) * U[0]
print("after column 0:\n", U)
U[[1, 2]] = U[[2, 1]]                    # column 1: |2| > |0.5| -> swap 2
U[2] -= (U[2, 1] / U[1, 1]) * U[1]
print("after column 1 (upper triangular):\n", U)
print("det = (-1)^2 * product of the diagonal =", np.prod(np.diag(U)))
print("np.linalg.det(A_ex) =", round(np.linalg.det(A_ex), 10))

# %% [markdown]
# Two swaps, diagonal $2, 2, -0.75$: $\det A_{ex} = (+1)\cdot 2\cdot 2\cdot(-0.75) = -3$.
#
# In matrix form this is the LU factorization with pivoting. SciPy's
# `scipy.linalg.lu` returns $P, L, U$ with $A = PLU$, where $P$ is a
# permutation matrix and $L$ is lower triangular with ones on its diagonal. By
# the product rule
#
# $$
# \det A = \det P \cdot \det L \cdot \det U = \det P \cdot 1 \cdot \prod_i u_{ii},
# $$
#
# and $\det P = \pm 1$ is the **sign of the permutation**: $+1$ if $P$ can be
# undone by an even number of row swaps, $-1$ if odd.

# %%
P, L, U = scipy.linalg.lu(A_ex)
perm = np.argmax(P, axis=1)             # row i of P @ M is row perm[i] of M
print("P =\n", P)
print("diag(U) =", np.diag(U), "  sign of P:", perm_sign(perm), "  det P:", round(np.linalg.det(P)))
print("det A = sign * prod(diag U) =", perm_sign(perm) * np.prod(np.diag(U)))

# %% [markdown]
# Here $P$ is a cyclic shift of the three rows — two swaps, so $\det P = +1$,
# the same two swaps we made by hand. `np.linalg.det` does exactly this: it
# calls LAPACK's LU routine, which reports the swaps as a pivot array (as
# `scipy.linalg.lu_factor` does: step $i$ swapped row $i$ with row `piv[i]`),
# counts the steps with `piv[i] != i`, and multiplies the diagonal of $U$.

# %%
lu, piv = scipy.linalg.lu_factor(A_ex)
n_swaps = np.sum(piv != np.arange(len(piv)))
print("piv =", piv, "  swaps:", n_swaps, "  det =", (-1) ** n_swaps * np.prod(np.diag(lu)))

# %% [markdown]
# ### What the formulas cost
#
# Count multiplications. Cofactor expansion of an $n\times n$ matrix needs $n$
# determinants of size $n - 1$ plus $n$ products, $C(n) = n\,C(n-1) + n$ with
# $C(1) = 0$, which grows like $(e - 1)\, n! \approx 1.72\, n!$. (Leibniz: $n!$
# terms of $n - 1$ products each, even more.) Elimination does about
# $(n-k)^2$ multiplications at step $k$, in total about $n^3/3$.

# %%
def cofactor_mults(n):
    return 0 if n == 1 else n * cofactor_mults(n - 1) + n


def lu_mults(n):
    # step k: n-k multipliers, (n-k)^2 updates; then n-1 products for the diagonal
    return sum((n - k) ** 2 + (n - k) for k in range(1, n)) + (n - 1)


print(" n                         n!             cofactor mults    LU mults")
for n in [2, 3, 5, 10, 15, 20]:
    print(f"{n:2d} {math.factorial(n):26,d} {cofactor_mults(n):26,d} {lu_mults(n):11,d}")

years = cofactor_mults(20) / 1e9 / (3600 * 24 * 365)
print(f"n = 20 at 10^9 multiplications per second: cofactor {years:.0f} years, LU {lu_mults(20) / 1e9 * 1e6:.1f} microseconds")

# %%
ns = list(range(1, 26))     # Python ints: 25! does not fit in a NumPy int64
fig, ax = plt.subplots(figsize=(7, 4.2))
ax.semilogy(ns, [float(max(cofactor_mults(k), 1)) for k in ns], "o-", label="cofactor expansion  ~ 1.72 n!")
ax.semilogy(ns, [float(max(lu_mults(k), 1)) for k in ns], "s-", label=r"elimination (LU)  ~ $n^3/3$")
ax.axhline(1e9, color="grey", ls=":", lw=1)
ax.text(1, 2e9, "one second at $10^9$ multiplications/s", color="grey", fontsize=9)
ax.axhline(1e9 * 3600 * 24 * 365, color="grey", ls=":", lw=1)
ax.text(1, 2e9 * 3600 * 24 * 365, "one year", color="grey", fontsize=9)
ax.set_xlabel("matrix size n")
ax.set_ylabel("multiplications (log scale)")
ax.set_title("Figure 2: the cost of a determinant")
ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.5))
plt.show()

# %% [markdown]
# The gap is astronomical: at $n = 20$ the cofactor expansion needs about
# $4.2 \times 10^{18}$ multiplications — at $10^9$ multiplications per second,
# $4.2 \times 10^9$ seconds, more than a century (133 years) — while
# elimination needs 2,679, under 3 microseconds. Measured times tell the same story (they depend on
# your machine, so the next cell's output will differ on yours): the time of
# our Python `det_leibniz` grows roughly $n$-fold with each step of $n$ and
# reaches a noticeable fraction of a second at $n = 8$, while `np.linalg.det`
# (compiled LU) handles a $1000\times 1000$ matrix in well under a second.

# %% tags=["nbval-ignore-output"]
def seconds(f, *args, repeat=3):
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        f(*args)
        best = min(best, time.perf_counter() - t0)
    return best


t_leibniz = {}
for n in [4, 5, 6, 7, 8]:
    M = rng.normal(size=(n, n))
    t_leibniz[n] = seconds(det_leibniz, M)
    print(f"n = {n}: Leibniz in Python {t_leibniz[n]:9.5f} s   np.linalg.det {seconds(np.linalg.det, M):.6f} s")
M = rng.normal(size=(1000, 1000)) / np.sqrt(1000)   # scaled so that det stays inside the float range
t_lu = seconds(np.linalg.det, M)
print(f"n = 1000: np.linalg.det {t_lu:.4f} s")

# %% [markdown]
# ## 5. Symbolic determinants with SymPy
#
# With symbols instead of numbers, SymPy computes determinants exactly, as
# polynomials in the entries. The general $3\times 3$ determinant has
# $3! = 6$ terms, the general $4\times 4$ one $4! = 24$:

# %%
a, b, c, d = sp.symbols("a b c d")
print("2x2:", sp.Matrix([[a, b], [c, d]]).det())
G3 = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"a{i + 1}{j + 1}"))
det_G3 = sp.expand(G3.det())
print("3x3:", det_G3)
G4 = sp.Matrix(4, 4, lambda i, j: sp.Symbol(f"a{i + 1}{j + 1}"))
print("number of terms: 3x3 ->", len(det_G3.args), "  4x4 ->", len(sp.expand(G4.det()).args))

# %% [markdown]
# ### When does a matrix with a parameter become singular?
#
# A matrix that depends on a parameter is singular exactly where its
# determinant, a polynomial in the parameter, vanishes. Take the covariance
# (here: correlation) matrix of three variables in a row, where each variable
# has correlation $t$ with its neighbours and none with the variable two
# places away:
#
# $$
# A(t) = \begin{pmatrix} 1 & t & 0 \\ t & 1 & t \\ 0 & t & 1 \end{pmatrix}.
# $$

# %%
t = sp.symbols("t", real=True)
A_t = sp.Matrix([[1, t, 0],
                 [t, 1, t],
                 [0, t, 1]])
det_t = A_t.det()
print("det A(t) =", det_t)
roots_t = sp.solve(det_t, t)
print("singular for t in", roots_t)
t0 = roots_t[1]
print(f"at t = {t0}: rank = {A_t.subs(t, t0).rank()}, null space spanned by",
      list(A_t.subs(t, t0).nullspace()[0]))

# %% [markdown]
# $\det A(t) = 1 - 2t^2$ vanishes at $t = \pm\sqrt{2}/2 \approx \pm 0.707$,
# and at $t = \sqrt{2}/2$ the null space is spanned by
# $(1, -\sqrt2, 1)$. SymPy's answers are exact — `sqrt(2)/2`, not
# `0.7071067811865476` — which is what lets it decide *exactly* where the
# matrix is singular.
#
# **Why it matters in ML.** A covariance matrix must be positive
# (semi-)definite: for every vector $\mathbf{w}$, the variance of
# $\mathbf{w}^\top\mathbf{x}$, which is $\mathbf{w}^\top A\,\mathbf{w}$, must
# be $\ge 0$. For a symmetric matrix, *positive definite* is equivalent to
# **all leading principal minors being positive** (Sylvester's criterion):
# here $1 > 0$, $\det\begin{pmatrix}1 & t\\ t & 1\end{pmatrix} = 1 - t^2 > 0$
# and $1 - 2t^2 > 0$, i.e. $|t| < \sqrt2/2$. A neighbour correlation of 0.8,
# say, is impossible for three variables with this pattern even though
# $|0.8| < 1$, and a model that proposes it would be invalid. The vector
# $\mathbf{w} = (1, -\sqrt2, 1)$ found above is the direction whose variance
# becomes zero at the boundary.

# %%
for t_val in [sp.Rational(1, 2), sp.Rational(4, 5)]:
    minors = [A_t[:k, :k].det().subs(t, t_val) for k in (1, 2, 3)]
    print(f"t = {t_val}: leading principal minors {minors}  ->  positive definite: {all(m > 0 for m in minors)}")
    print("   numerical eigenvalues:", np.linalg.eigvalsh(np.array(A_t.subs(t, t_val), dtype=float)))

# %% [markdown]
# At $t = 4/5$ the last minor is $1 - 2\cdot 0.64 = -0.28 < 0$, and indeed
# $A(4/5)$ has a negative eigenvalue (eigenvalues are the topic of the next
# section).
#
# **A classic: the Vandermonde determinant.** Fitting a polynomial of degree
# $n - 1$ through $n$ points $(x_i, y_i)$ — polynomial features — means
# solving a system with the **Vandermonde matrix** $V_{ij} = x_i^{\,j}$. SymPy
# factors its determinant:

# %%
x0, x1, x2, x3 = sp.symbols("x0:4")
V = sp.Matrix([[xi**j for j in range(4)] for xi in (x0, x1, x2, x3)])
print(sp.factor(V.det()))

# %% [markdown]
# $\det V = \prod_{i < j} (x_j - x_i)$ (SymPy may order the factors and signs
# differently), which is non-zero exactly when the $x_i$ are distinct: through
# $n$ points with distinct $x$-coordinates passes exactly one polynomial of
# degree at most $n - 1$. When two $x_i$ are close, two rows of $V$ are
# nearly equal and $V$ is nearly singular — ill-conditioned, as its condition
# number (not the size of $\det V$) would tell you: a first sign of why
# high-degree polynomial features are numerically delicate.

# %% [markdown]
# ## 6. The characteristic polynomial and eigenvalues
#
# A number $\lambda$ is an **eigenvalue** of $A$ if $A\mathbf{v} = \lambda\mathbf{v}$
# for some vector $\mathbf{v} \ne \mathbf{0}$ (an **eigenvector**): $A$ only
# stretches $\mathbf{v}$, by the factor $\lambda$. Rewritten,
# $(\lambda I - A)\,\mathbf{v} = \mathbf{0}$ has a non-zero solution, i.e.
# $\lambda I - A$ is singular, i.e.
#
# $$
# p_A(\lambda) = \det(\lambda I - A) = 0 .
# $$
#
# This is Section 5's question again, with the parameter called $\lambda$!
# $p_A$ is the **characteristic polynomial**; it has degree $n$, leading
# coefficient 1, and its roots are the eigenvalues. Two of its coefficients
# are worth remembering:
#
# $$
# p_A(\lambda) = \lambda^n - \operatorname{tr}(A)\,\lambda^{n-1} + \dots + (-1)^n \det A ,
# $$
#
# and since $p_A(\lambda) = (\lambda - \lambda_1)\cdots(\lambda - \lambda_n)$
# over the complex numbers, comparing coefficients gives
#
# $$
# \det A = \lambda_1 \lambda_2 \cdots \lambda_n, \qquad \operatorname{tr} A = \lambda_1 + \dots + \lambda_n .
# $$
#
# *A convention to watch:* some books define the characteristic polynomial as
# $\det(A - \lambda I)$. It has the same roots, but
# $\det(A - \lambda I) = (-1)^n \det(\lambda I - A)$: for odd $n$ the two
# differ in sign. SymPy's `charpoly` and NumPy's `np.poly` use
# $\det(\lambda I - A)$.

# %%
lam = sp.symbols("lambda")
M = sp.Matrix([[4, 1, -1],
               [2, 5, -2],
               [1, 1, 2]])
p = M.charpoly(lam).as_expr()              # charpoly returns a PurePoly; as_expr gives an expression
print("p(lambda)          =", p)
print("factored           =", sp.factor(p))
print("same as det(lambda I - M):", sp.expand((lam * sp.eye(3) - M).det() - p) == 0)
print("det(M - lambda I)  =", sp.expand((M - lam * sp.eye(3)).det()))
print("roots (with multiplicity):", sp.roots(p, lam))
print("det M =", M.det(), "  trace M =", M.trace())

# %% [markdown]
# $p(\lambda) = \lambda^3 - 11\lambda^2 + 39\lambda - 45 = (\lambda - 3)^2(\lambda - 5)$:
# the eigenvalues are 3 (a **double root**, algebraic multiplicity 2) and 5.
# Check: $3\cdot 3\cdot 5 = 45 = \det M$ and $3 + 3 + 5 = 11 = \operatorname{tr} M$.
# `sp.roots` returns a dictionary *root: multiplicity*; `M.eigenvals()` gives
# the same dictionary directly. Then eigenvectors are null-space vectors of
# $\lambda I - M$:

# %%
print("M.eigenvals():", M.eigenvals())
for ev in (3, 5):
    basis = (ev * sp.eye(3) - M).nullspace()
    print(f"lambda = {ev}: eigenvectors span", [list(v) for v in basis])

Mf = np.array(M, dtype=float)
print("np.poly(M) =", np.poly(Mf))
print("np.linalg.eigvals(M) =", np.sort(np.linalg.eigvals(Mf).real))

# %% [markdown]
# Here both eigenvalues have "enough" eigenvectors: a 2-dimensional space for
# $\lambda = 3$ and a line for $\lambda = 5$. Chapter 06 is about what
# eigenvectors do for us.
#
# **Figure 3** plots both determinant polynomials of this chapter: the
# parameter values where $\det A(t)$ crosses zero, and the eigenvalues where
# $p_M(\lambda)$ does. At the double root $\lambda = 3$ the graph only
# *touches* the axis.

# %%
f_t = sp.lambdify(t, det_t, "numpy")
f_lam = sp.lambdify(lam, p, "numpy")
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
tt = np.linspace(-1.1, 1.1, 300)
axes[0].plot(tt, f_t(tt), "C0")
axes[0].plot([float(r) for r in roots_t], [0, 0], "o", color="C3", label=r"$t = \pm\sqrt{2}/2$: singular")
axes[0].axvspan(-np.sqrt(0.5), np.sqrt(0.5), color="C2", alpha=0.1, label="positive definite")
axes[0].set_xlabel("$t$")
axes[0].set_title(r"$\det A(t) = 1 - 2t^2$")
ll = np.linspace(1.5, 5.8, 300)
axes[1].plot(ll, f_lam(ll), "C0")
axes[1].plot([3, 5], [0, 0], "o", color="C3", label="eigenvalues 3 (double) and 5")
axes[1].set_xlabel(r"$\lambda$")
axes[1].set_title(r"$p_M(\lambda) = \det(\lambda I - M) = (\lambda - 3)^2(\lambda - 5)$")
for ax in axes:
    ax.axhline(0, color="grey", lw=0.8)
    ax.legend(loc="lower center", fontsize=9)
fig.suptitle("Figure 3: a matrix is singular where a determinant polynomial has a root")
plt.show()

# %% [markdown]
# ### Numerically, eigenvalues do not come from the characteristic polynomial
#
# The roots of a polynomial can be extremely sensitive to tiny changes in its
# coefficients. Take the diagonal matrix $\operatorname{diag}(1, 2, \dots, 20)$:
# its eigenvalues are exactly $1, \dots, 20$, and its characteristic polynomial
# is Wilkinson's famous $(\lambda - 1)(\lambda - 2)\cdots(\lambda - 20)$, whose
# coefficients reach about $1.4 \times 10^{19}$ — far beyond $2^{53} \approx 9 \times 10^{15}$,
# where floats stop representing every integer exactly.
# Rounding them alone moves some roots a long way. Hide the diagonal structure
# with a random rotation, $B = Q\,\operatorname{diag}(1, \dots, 20)\,Q^\top$, and
# compare the roots of `np.poly(B)` with the eigenvalues from
# `np.linalg.eigvalsh` (which works on $B$ directly, never the
# polynomial). (For a matrix, `np.poly` itself gets the coefficients by
# multiplying out $\prod_i (\lambda - \lambda_i)$ over eigenvalues it computes
# first — accurately, as we will see — so the whole error below comes from
# storing the polynomial as rounded coefficients and finding its roots again.)

# %%
Q20, _ = np.linalg.qr(rng.normal(size=(20, 20)))
B20 = Q20 @ np.diag(np.arange(1.0, 21.0)) @ Q20.T
from_poly = np.sort(np.roots(np.poly(B20)).real)
from_eig = np.sort(np.linalg.eigvalsh(B20))
err_poly = np.abs(from_poly - np.arange(1, 21)).max()
err_eig = np.abs(from_eig - np.arange(1, 21)).max()
print("polynomial roots off by more than 0.001: ", err_poly > 1e-3)
print("eigvalsh off by less than 1e-10:         ", err_eig < 1e-10)

# %% tags=["nbval-ignore-output"]
print(f"largest error: roots of the characteristic polynomial {err_poly:.1e}, eigvalsh {err_eig:.1e}")
assert err_poly > 1e-3 and err_eig < 1e-12

# %% [markdown]
# On a typical machine the polynomial route is off by something of the order
# of 0.1, while `eigvalsh` is accurate to about $10^{-14}$. The characteristic
# polynomial is the right tool for *thinking* about eigenvalues and for exact
# computations on small matrices; for numbers, use `np.linalg.eigvals` /
# `eigvalsh` (chapter 06).

# %% [markdown]
# ## 7. The log-determinant and the Gaussian likelihood
#
# ### The Gaussian density, from volume scaling
#
# The multivariate Gaussian $\mathcal{N}(\boldsymbol{\mu}, \Sigma)$ in
# $\mathbb{R}^d$, with mean $\boldsymbol{\mu}$ and symmetric positive definite
# covariance $\Sigma$, has density
#
# $$
# p(\mathbf{x}) = \frac{1}{\sqrt{(2\pi)^d \det\Sigma}}\,
# \exp\!\Bigl(-\tfrac12 (\mathbf{x} - \boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x} - \boldsymbol{\mu})\Bigr).
# $$
#
# Where does $\det\Sigma$ come from? Write $\Sigma = LL^\top$ (the Cholesky
# factorization, $L$ lower triangular) and generate $\mathbf{x} = \boldsymbol{\mu} + L\mathbf{z}$
# from a standard normal $\mathbf{z}$, whose density is
# $(2\pi)^{-d/2} e^{-\|\mathbf{z}\|^2/2}$. The map $\mathbf{z} \mapsto \mathbf{x}$
# multiplies volumes by $|\det L|$, so the same probability is spread over a
# region whose volume is $|\det L|$ times the original one, and the density must be divided by
# $|\det L| = \sqrt{\det\Sigma}$ (product rule:
# $\det\Sigma = \det L \det L^\top = (\det L)^2$). With
# $\|\mathbf{z}\|^2 = \|L^{-1}(\mathbf{x} - \boldsymbol{\mu})\|^2 = (\mathbf{x} - \boldsymbol{\mu})^\top\Sigma^{-1}(\mathbf{x} - \boldsymbol{\mu})$,
# this is exactly the formula above. This is the **change-of-variables
# formula** for densities (**Figure 4**).

# %%
Sigma2 = np.array([[2.0, 1.2],
                   [1.2, 1.0]])
mu2 = np.array([1.0, 0.5])
L2 = np.linalg.cholesky(Sigma2)
Z = rng.normal(size=(2, 400))
Xs = mu2[:, None] + L2 @ Z
circle = np.array([np.cos(theta), np.sin(theta)])
ellipse = mu2[:, None] + L2 @ circle
print("det Sigma =", round(np.linalg.det(Sigma2), 4), "  |det L| =", round(abs(np.linalg.det(L2)), 4))
print("area of the unit circle:", round(polygon_area(circle), 4),
      "  area of its image:", round(polygon_area(ellipse), 4),
      "  pi * sqrt(det Sigma) =", round(np.pi * np.sqrt(np.linalg.det(Sigma2)), 4))
inside = np.sum(Z**2, axis=0) <= 1                  # z inside the unit circle <=> x inside the ellipse
print(f"samples inside: {inside.mean():.0%} of {Z.shape[1]}   (exact probability 1 - e^(-1/2) = {1 - np.exp(-0.5):.1%})")

fig, axes = plt.subplots(1, 2, figsize=(11, 4.8), layout="constrained")
colors = np.where(inside, "C1", "C0")              # the same samples are orange in both panels
axes[0].scatter(Z[0], Z[1], s=6, alpha=0.6, c=colors)
axes[0].plot(circle[0], circle[1], "C3", lw=2)
axes[0].set_title(r"$\mathbf{z} \sim \mathcal{N}(\mathbf{0}, I)$; unit circle: area $\pi$")
axes[1].scatter(Xs[0], Xs[1], s=6, alpha=0.6, c=colors)
axes[1].plot(ellipse[0], ellipse[1], "C3", lw=2)
axes[1].set_title(r"$\mathbf{x} = \boldsymbol{\mu} + L\mathbf{z}$; its image: area $\pi\sqrt{\det\Sigma}$")
for ax in axes:
    ax.set_aspect("equal")
    ax.set_xlim(-4, 5)
    ax.set_ylim(-3.5, 4)
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
fig.suptitle(r"Figure 4: $\mathbf{z} \mapsto \mathbf{x}$ multiplies areas by $|\det L| \approx 0.75$, "
             r"so the density is divided by $|\det L|$")
plt.show()

# %% [markdown]
# The circle of area $\pi \approx 3.1416$ becomes an ellipse of area
# $\pi\sqrt{0.56} \approx 2.351$, and both contain the same samples (orange): a point
# $\mathbf{z}$ is inside the circle exactly when its image $\mathbf{x}$ is
# inside the ellipse. So the same probability, $1 - e^{-1/2} \approx 39\%$,
# sits on 0.75 times the area, and the density there is $1/0.75$ times
# higher. $\det\Sigma$ is sometimes called the **generalized variance**:
# it measures the volume of the data cloud. The positive covariance 1.2
# (a correlation of $1.2/\sqrt{2 \cdot 1} \approx 0.85$) squeezes the cloud
# along a diagonal and makes $\det\Sigma = 0.56$ much smaller than the product
# of the two variances, $2 \cdot 1 = 2$.
#
# ### Why we need the *log*-determinant
#
# Models are fitted by maximizing the **log**-likelihood: logarithms turn the
# product of the likelihoods of independent samples into a sum, and the
# density of one sample into
#
# $$
# \log p(\mathbf{x}) = -\frac12\Bigl(d\log(2\pi) + \log\det\Sigma + (\mathbf{x} - \boldsymbol{\mu})^\top\Sigma^{-1}(\mathbf{x} - \boldsymbol{\mu})\Bigr).
# $$
#
# In high dimension, $\det\Sigma$ itself is a product of $d$ eigenvalues and
# easily leaves the range of floating-point numbers, roughly
# $10^{-308}$ to $10^{308}$. Take a Gaussian model of $28\times 28$ grey-scale
# images, $d = 784$: pixel values in $[0, 1]$ have variances well below 1.

# %%
d = 784
W = rng.normal(size=(d, 20)) * 0.1
Sigma = W @ W.T + 0.01 * np.eye(d)        # 20 strong directions plus a little noise in every pixel
with np.errstate(divide="ignore"):
    print("det(Sigma)          =", np.linalg.det(Sigma), "   log of it:", np.log(np.linalg.det(Sigma)))
sign, logdet = np.linalg.slogdet(Sigma)
print(f"slogdet(Sigma)      = sign {sign:.0f}, log|det| {logdet:.2f}")
print(f"via eigenvalues     = {np.sum(np.log(np.linalg.eigvalsh(Sigma))):.2f}")
L = np.linalg.cholesky(Sigma)
print(f"via Cholesky        = {2 * np.sum(np.log(np.diag(L))):.2f}")

# %% [markdown]
# The true determinant is about $e^{-3477} \approx 10^{-1510}$: it
# **underflows** to exactly 0.0, and its log becomes $-\infty$, which would
# make every log-likelihood $+\infty$. Measure the same pixels on a 0–1000
# scale instead of 0–1 and it **overflows**:

# %%
Sigma_big = 1e6 * Sigma                    # every variance times 1000^2
with np.errstate(over="ignore"):
    print("det(Sigma_big)      =", np.linalg.det(Sigma_big))
sign_big, logdet_big = np.linalg.slogdet(Sigma_big)
print(f"slogdet(Sigma_big)  = sign {sign_big:.0f}, log|det| {logdet_big:.2f}")
print(f"check: {logdet:.2f} + 784 * log(1e6) = {logdet + d * np.log(1e6):.2f}")

# %% [markdown]
# **`np.linalg.slogdet(A)`** returns the pair $(\operatorname{sign}\det A,\ \log|\det A|)$
# and never forms the determinant: it runs the same LU factorization and adds
# up $\log|u_{ii}|$ instead of multiplying the $u_{ii}$, while tracking the
# sign separately. For a symmetric positive definite matrix the Cholesky
# factor gives the same in half the work:
# $\log\det\Sigma = 2\sum_i \log L_{ii}$. (Scaling by $c$ adds $d\log c$ to the
# log-determinant, the logarithmic form of $\det(cA) = c^d\det A$.)
#
# The quadratic term needs $\Sigma^{-1}(\mathbf{x} - \boldsymbol{\mu})$:
# **solve** the system $\Sigma\mathbf{y} = \mathbf{x} - \boldsymbol{\mu}$
# rather than forming the inverse (chapter 03: faster and more accurate).
# Putting the two together, for one point:

# %%
def gaussian_logpdf(x, mu, Sigma):
    """log N(x | mu, Sigma) for one point x, without det or inv."""
    diff = x - mu
    sign, logdet = np.linalg.slogdet(Sigma)
    if sign <= 0:
        raise ValueError("Sigma must be positive definite")
    quad = diff @ np.linalg.solve(Sigma, diff)
    return -0.5 * (len(x) * np.log(2 * np.pi) + logdet + quad)


mu = np.full(d, 0.5)
x = mu + np.linalg.cholesky(Sigma) @ rng.normal(size=d)      # one sample from the model
print(f"ours:        {gaussian_logpdf(x, mu, Sigma):.4f}")
print(f"scipy.stats: {scipy.stats.multivariate_normal(mu, Sigma).logpdf(x):.4f}")

# %% [markdown]
# Both agree (SciPy uses an eigendecomposition internally), and no number
# along the way was anywhere near overflow. (A log-*density* may well be
# positive: with variances this small, the density near the mean is far
# larger than 1.) The log-likelihood of a data set
# of independent samples is the sum of these values over the samples; in the
# exercises you compute it for a whole data matrix at once.
#
# **Where log-determinants appear in ML.**
#
# * **Fitting Gaussians** — Gaussian mixture models, linear and quadratic
#   discriminant analysis and anomaly detection all evaluate the log-density
#   above; the term $-\frac12\log\det\Sigma$ penalizes covariance matrices with
#   a large volume.
# * **Gaussian processes** choose their kernel hyper-parameters by maximizing
#   the log marginal likelihood
#   $-\frac12\mathbf{y}^\top K^{-1}\mathbf{y} - \frac12\log\det K - \frac n2\log 2\pi$,
#   with $K$ the $n\times n$ kernel matrix, computed via its Cholesky factor.
# * **Normalizing flows** model data as $\mathbf{x} = f(\mathbf{z})$, with
#   $f$ an invertible neural network and $\mathbf{z}$ standard normal. By the
#   change-of-variables formula,
#   $\log p(\mathbf{x}) = \log p_{\mathbf{z}}(\mathbf{z}) - \log|\det J_f(\mathbf{z})|$,
#   where $J_f$ is the Jacobian matrix (the local linear map). For a stack of
#   layers $f = f_K \circ \cdots \circ f_1$ the product rule turns the
#   determinant of the product of the layers' Jacobians into a **sum of their
#   log-determinants** — which is why flow layers are designed to have cheap
#   determinants, such as triangular Jacobians, whose log-determinant is just
#   $\sum_i \log|J_{ii}|$.

# %% [markdown]
# ## 8. Summary
#
# | idea | formula / tool | ML use |
# |---|---|---|
# | volume and orientation | $\lvert\det A\rvert$ = volume factor, sign = orientation | change of variables, densities |
# | $2\times 2$, simplices | $ad - bc$; $\frac{1}{k!}\lvert\det(\mathbf{p}_1 - \mathbf{p}_0, \dots)\rvert$ | areas, meshes |
# | definition | Leibniz ($n!$ terms), cofactor expansion | theory and tiny examples only |
# | properties | $\det(AB) = \det A\det B$, $\det A^\top = \det A$, $\det(cA) = c^n\det A$ | sums of log-dets for stacked layers |
# | computation | LU: $\det A = \det P\prod_i u_{ii}$, about $n^3/3$ multiplications | `np.linalg.det`, `slogdet` |
# | singular $\iff \det = 0$ | SymPy `det`, `solve` for a parameter | valid covariance models (Sylvester) |
# | characteristic polynomial | $\det(\lambda I - A)$, `charpoly`, `roots` | eigenvalues (theory), $\det = \prod\lambda_i$, $\operatorname{tr} = \sum\lambda_i$ |
# | log-determinant | `np.linalg.slogdet`, Cholesky $2\sum\log L_{ii}$ | Gaussian likelihoods, GPs, flows |
#
# Practical lessons: never compute a determinant to solve a system or to test
# invertibility (`det(A) == 0` fails in floating point; use the rank or the
# condition number); never compute $\det$ and then its log in high dimension
# (use `slogdet`); never find numerical eigenvalues as roots of the
# characteristic polynomial; and remember that $\det(cA) = c^n\det A$.
#
# ## What's next
#
# **Chapter 06 — SVD and eigendecomposition** turns the eigenvalues of
# Section 6 into a tool: diagonalization, the spectral theorem for symmetric
# matrices, and the singular value decomposition, which writes every matrix as
# rotation–scaling–rotation. In that language $|\det A|$ is simply the product
# of the singular values.
