# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 01 — Vectors
#
# Almost everything a machine-learning model touches is a vector: a row of a
# spreadsheet, an image, a document, the weights of a model, a gradient. This
# chapter builds the vocabulary we will use for the rest of the course:
#
# 1. vectors as data, and the data matrix;
# 2. vector arithmetic;
# 3. norms (length) and normalization;
# 4. the dot product, angles and orthogonality;
# 5. cosine similarity;
# 6. projection of one vector onto another;
# 7. linear combinations and span;
# 8. linear independence;
# 9. bases and coordinates.
#
# For each idea you get the definition, a few lines of NumPy (and SymPy where
# exact arithmetic teaches something), and the reason it matters in ML.
#
# **Conventions.** Vectors are bold lower-case ($\mathbf{x}$), matrices are
# upper-case ($X$). A vector $\mathbf{x} \in \mathbb{R}^d$ has entries
# $x_1, \dots, x_d$ and, when it matters, is a *column*. In code, entries are
# indexed from 0, so $x_1$ is `x[0]`.

# %%
import numpy as np
import sympy as sp
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook

# %% [markdown]
# ## 1. Vectors as data
#
# A **vector** in $\mathbb{R}^d$ is an ordered list of $d$ real numbers. In ML
# the most common vector is a **feature vector**: one number per measured
# property of one example. Here is a small, made-up table of houses:
#
# | house | area (m²) | bedrooms | age (years) | distance to centre (km) |
# |------:|----------:|---------:|------------:|------------------------:|
# | 0 | 120 | 3 | 15 | 5.0 |
# | 1 |  85 | 2 | 30 | 2.5 |
# | 2 | 200 | 5 |  5 | 12.0 |
# | 3 | 105 | 2 | 34 | 2.0 |
# | 4 |  90 | 4 | 26 | 14.0 |
#
# House 0 is the feature vector
# $\mathbf{x} = (120,\ 3,\ 15,\ 5.0) \in \mathbb{R}^4$. The *order* of the
# entries matters: entry 1 always means area, entry 2 always means bedrooms,
# and so on.
#
# Stacking the feature vectors of $n$ examples as the **rows** of a matrix
# gives the **data matrix**
#
# $$
# X = \begin{pmatrix} \text{---}\ \mathbf{x}_1^\top\ \text{---} \\ \vdots \\ \text{---}\ \mathbf{x}_n^\top\ \text{---} \end{pmatrix} \in \mathbb{R}^{n \times d},
# \qquad X_{ij} = \text{feature } j \text{ of sample } i .
# $$
#
# Rows are samples, columns are features. This is the convention of NumPy,
# scikit-learn, PyTorch and of this course. A column `X[:, j]` is also a vector
# (in $\mathbb{R}^n$): the values of one feature across all samples.
#
# The same picture holds for other data. A $28 \times 28$ grey-scale image is a
# vector in $\mathbb{R}^{784}$ (one entry per pixel); a document is a vector of
# word counts (Section 5); the parameters of a linear model form a weight
# vector $\mathbf{w} \in \mathbb{R}^d$. Thinking of all of these as points or
# arrows in $\mathbb{R}^d$ lets us use geometry — lengths, distances, angles —
# to reason about data.

# %%
x0 = np.array([120, 3, 15, 5.0])  # house 0: a vector in R^4
print("x0 =", x0, " shape:", x0.shape)

X = np.array([
    [120, 3, 15,  5.0],
    [ 85, 2, 30,  2.5],
    [200, 5,  5, 12.0],
    [105, 2, 34,  2.0],
    [ 90, 4, 26, 14.0],
])
n, d = X.shape
print(f"n = {n} samples, d = {d} features")
print("house 1 (a row):       ", X[1])
print("all areas (a column):  ", X[:, 0])

# %% [markdown]
# ## 2. Vector arithmetic
#
# For $\mathbf{u}, \mathbf{v} \in \mathbb{R}^d$ and a scalar
# $c \in \mathbb{R}$, addition and scalar multiplication act entry by entry:
#
# $$
# \mathbf{u} + \mathbf{v} = (u_1 + v_1, \dots, u_d + v_d), \qquad
# c\,\mathbf{u} = (c u_1, \dots, c u_d).
# $$
#
# Both operations need vectors of the *same* dimension (NumPy's broadcasting
# will happily combine other shapes, so check shapes yourself).
#
# **Geometry.** Draw vectors as arrows from the origin.
#
# * $\mathbf{u} + \mathbf{v}$: put the tail of $\mathbf{v}$ at the head of
#   $\mathbf{u}$; the sum is the diagonal of the parallelogram spanned by
#   $\mathbf{u}$ and $\mathbf{v}$.
# * $c\,\mathbf{u}$: scales (stretches or shrinks) $\mathbf{u}$ by the factor
#   $|c|$, and reverses its direction if $c < 0$.
# * $\mathbf{u} - \mathbf{v}$ is the arrow from the head of $\mathbf{v}$ to the
#   head of $\mathbf{u}$; its length is the distance between the two points.

# %%
u = np.array([2.0, 1.0])
v = np.array([1.0, 3.0])
print("u + v   =", u + v)
print("u - v   =", u - v)
print("2.5 * u =", 2.5 * u)
print("-1 * u  =", -1 * u)

# %% [markdown]
# **Why it matters in ML.** Three everyday operations are nothing but vector
# arithmetic:
#
# * the **mean** of a data set, $\bar{\mathbf{x}} = \frac{1}{n}\sum_{i=1}^n \mathbf{x}_i$
#   (a sum of vectors times a scalar);
# * **centering**, $\mathbf{x}_i - \bar{\mathbf{x}}$, which moves the cloud of
#   data points so that it sits around the origin;
# * a **gradient-descent step**, $\mathbf{w} \leftarrow \mathbf{w} - \eta\,\nabla L(\mathbf{w})$,
#   which moves the weight vector a little in the direction opposite to the
#   gradient.
#
# With the data matrix, NumPy does the first two for all samples at once.

# %%
x_mean = X.mean(axis=0)   # average of the rows: a vector in R^4
X_centered = X - x_mean   # broadcasting subtracts x_mean from every row
print("mean house:", x_mean)
print("centered data:\n", X_centered)
print("column means after centering are 0:", np.allclose(X_centered.mean(axis=0), 0.0))

# %% [markdown]
# ## 3. Norms: the length of a vector
#
# A **norm** $\|\cdot\|$ assigns a length to every vector. Any norm satisfies,
# for all vectors $\mathbf{x}, \mathbf{y}$ and scalars $c$:
#
# 1. $\|\mathbf{x}\| \ge 0$, and $\|\mathbf{x}\| = 0$ only for $\mathbf{x} = \mathbf{0}$;
# 2. $\|c\,\mathbf{x}\| = |c|\,\|\mathbf{x}\|$;
# 3. $\|\mathbf{x} + \mathbf{y}\| \le \|\mathbf{x}\| + \|\mathbf{y}\|$ (triangle inequality).
#
# The three norms you will meet constantly:
#
# $$
# \|\mathbf{x}\|_2 = \sqrt{\sum_{i=1}^d x_i^2}, \qquad
# \|\mathbf{x}\|_1 = \sum_{i=1}^d |x_i|, \qquad
# \|\mathbf{x}\|_\infty = \max_{i} |x_i| .
# $$
#
# $\|\cdot\|_2$ is the **Euclidean** (L2) norm, the ordinary length of an arrow
# (Pythagoras); when we write $\|\mathbf{x}\|$ without a subscript we mean the
# L2 norm. $\|\cdot\|_1$ (L1, "Manhattan") adds up absolute coordinates, like
# walking along a street grid. $\|\cdot\|_\infty$ (L-infinity, "max") keeps only
# the largest coordinate in absolute value. All three are members of the family
# $\|\mathbf{x}\|_p = \left(\sum_i |x_i|^p\right)^{1/p}$, $p \ge 1$, with
# $\|\cdot\|_\infty$ the limit $p \to \infty$.
#
# Example: for $\mathbf{x} = (3, -4, 12)$,
# $\|\mathbf{x}\|_2 = \sqrt{9 + 16 + 144} = 13$,
# $\|\mathbf{x}\|_1 = 3 + 4 + 12 = 19$ and $\|\mathbf{x}\|_\infty = 12$.
#
# **Unit vectors and normalization.** A **unit vector** has norm 1. Any
# non-zero vector can be **normalized** — rescaled to a unit vector pointing
# the same way:
#
# $$
# \hat{\mathbf{x}} = \frac{\mathbf{x}}{\|\mathbf{x}\|}, \qquad \mathbf{x} \ne \mathbf{0}.
# $$
#
# By property 2, $\|\hat{\mathbf{x}}\| = \|\mathbf{x}\| / \|\mathbf{x}\| = 1$.
# The zero vector has no direction and cannot be normalized (division by 0);
# code that normalizes must handle it explicitly (we will in Section 5).

# %%
x = np.array([3.0, -4.0, 12.0])
print("L2  :", np.linalg.norm(x), "=", np.sqrt(np.sum(x**2)))
print("L1  :", np.linalg.norm(x, ord=1), "=", np.sum(np.abs(x)))
print("Linf:", np.linalg.norm(x, ord=np.inf), "=", np.max(np.abs(x)))

x_hat = x / np.linalg.norm(x)  # normalize (L2)
print("x_hat =", x_hat, "  13 * x_hat =", 13 * x_hat)
print("norm of x_hat:", np.linalg.norm(x_hat))

# %% [markdown]
# For every $\mathbf{x} \in \mathbb{R}^d$ the three norms are ordered:
# $\|\mathbf{x}\|_\infty \le \|\mathbf{x}\|_2 \le \|\mathbf{x}\|_1$ (above:
# $12 \le 13 \le 19$). Their **unit balls**
# $\{\mathbf{x} : \|\mathbf{x}\| \le 1\}$ have different shapes: a diamond for
# L1, a disc for L2, a square for L-infinity (**Figure 1** draws their
# boundaries, the "unit circles" $\|\mathbf{x}\| = 1$). The corners of the L1
# diamond sit on the coordinate axes, i.e. at vectors with zeros in them.
#
# This is the geometric reason why L1 regularization produces *sparse* weight
# vectors. Penalizing $\|\mathbf{w}\|_1$ amounts to minimizing the loss inside
# an L1 ball, and the loss's level curves, growing outwards from its
# minimum, usually touch the diamond first at a corner or (in higher
# dimensions) at a low-dimensional edge — points where some coordinates are
# exactly 0. The round L2 ball has no such points: its boundary is touched at a
# generic point with no zero coordinates, so ridge regularization shrinks
# weights without zeroing them.

# %%
t = np.linspace(0, 2 * np.pi, 401)  # includes the corners at multiples of 45°
circle = np.column_stack([np.cos(t), np.sin(t)])  # points with L2 norm 1
fig, ax = plt.subplots(figsize=(5, 5))
for p, style, label in [(1, "C0-", r"$\|x\|_1 = 1$"),
                        (2, "C1-", r"$\|x\|_2 = 1$"),
                        (np.inf, "C2-", r"$\|x\|_\infty = 1$")]:
    # rescale every direction so that its p-norm equals 1
    pts = circle / np.linalg.norm(circle, ord=p, axis=1, keepdims=True)
    ax.plot(pts[:, 0], pts[:, 1], style, lw=2, label=label)
ax.axhline(0, color="grey", lw=0.5)
ax.axvline(0, color="grey", lw=0.5)
ax.set_aspect("equal")
ax.set_xlim(-1.3, 1.3)
ax.set_ylim(-1.3, 1.6)
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title("Figure 1: unit circles of three norms in $\\mathbb{R}^2$")
ax.legend(loc="upper center", ncol=3, fontsize=9)
plt.show()

# %% [markdown]
# ### Distances, and why feature scale matters
#
# A norm gives a **distance**: $\operatorname{dist}(\mathbf{x}, \mathbf{y}) = \|\mathbf{x} - \mathbf{y}\|$.
# Nearest-neighbour classifiers, k-means clustering and RBF kernels are all
# built on the Euclidean distance $\|\mathbf{x} - \mathbf{y}\|_2$.
#
# Distances depend on the units of the features: in the house table, a
# difference of 20 m² in area counts exactly as much as a difference of 20
# bedrooms would. Which house is most similar to house 1?

# %%
dist_raw = np.linalg.norm(X - X[1], axis=1)  # distance of every house to house 1
print("raw distances to house 1:         ", np.round(dist_raw, 2))

# standardize: subtract the mean of each feature, divide by its standard deviation
X_std = (X - X.mean(axis=0)) / X.std(axis=0)
dist_std = np.linalg.norm(X_std - X_std[1], axis=1)
print("standardized distances to house 1:", np.round(dist_std, 2))

# %% [markdown]
# In raw units the nearest neighbour of house 1 is house 4 (13.31), not house
# 3 (20.40). House 3 is a near twin of house 1 except for 20 m² more area — and
# that single difference of 20 dominates the distance. House 4 has twice the
# bedrooms and lies 14 km out instead of 2.5 km, but in their units these
# differences (2 bedrooms, 11.5 km) are smaller than 20, and with 5 m² of area
# and 4 years of age they add up to only 13.31. After **standardizing** each
# feature (subtract its mean, divide by its standard deviation, so every
# feature is measured in "standard deviations"), house 3 is clearly the
# nearest (0.62 versus 2.91 for house 4). Neither answer is "the" truth, but
# the raw one is an accident of units: measured in hectares, area would hardly
# matter and house 3 would become the nearest (4.03 versus 12.34), while in cm²
# area would drown out every other feature. This is why features are usually
# standardized before any distance-based method.
#
# **Norms in regularization.** To prevent a model from fitting noise, one adds
# a penalty on the size of the weight vector to the training loss:
# $L(\mathbf{w}) + \lambda\|\mathbf{w}\|_2^2$ (**ridge**, "weight decay") or
# $L(\mathbf{w}) + \lambda\|\mathbf{w}\|_1$ (**lasso**, which tends to set
# weights exactly to zero). Gradient clipping rescales a gradient $\mathbf{g}$
# to $c\,\mathbf{g}/\|\mathbf{g}\|_2$ when its norm exceeds $c$, and adversarial
# robustness is often measured in $\|\cdot\|_\infty$ ("no pixel changes by more
# than $\varepsilon$").

# %% [markdown]
# ## 4. The dot product, angles and orthogonality
#
# The **dot product** (inner product) of $\mathbf{u}, \mathbf{v} \in \mathbb{R}^d$ is
#
# $$
# \mathbf{u} \cdot \mathbf{v} = \mathbf{u}^\top \mathbf{v} = \sum_{i=1}^d u_i v_i .
# $$
#
# It is symmetric, linear in each argument, and
# $\mathbf{u} \cdot \mathbf{u} = \|\mathbf{u}\|_2^2$. Its geometric meaning is
#
# $$
# \mathbf{u} \cdot \mathbf{v} = \|\mathbf{u}\|\,\|\mathbf{v}\|\cos\theta ,
# $$
#
# where $\theta \in [0, \pi]$ is the angle between the two (non-zero) arrows.
#
# *Why, in 2-D and 3-D:* this is the law of cosines. The arrows $\mathbf{u}$,
# $\mathbf{v}$ and $\mathbf{u} - \mathbf{v}$ form a triangle with the angle
# $\theta$ between the first two sides. Expanding with the rules above gives
# $\|\mathbf{u} - \mathbf{v}\|^2 = (\mathbf{u} - \mathbf{v})\cdot(\mathbf{u} - \mathbf{v}) = \|\mathbf{u}\|^2 + \|\mathbf{v}\|^2 - 2\,\mathbf{u}\cdot\mathbf{v}$,
# while the law of cosines says
# $\|\mathbf{u} - \mathbf{v}\|^2 = \|\mathbf{u}\|^2 + \|\mathbf{v}\|^2 - 2\|\mathbf{u}\|\,\|\mathbf{v}\|\cos\theta$;
# comparing the two gives the formula.
#
# *In higher dimensions* there is no picture to measure angles in, so the
# formula becomes the **definition** of $\theta$:
# $\cos\theta = \mathbf{u}\cdot\mathbf{v} / (\|\mathbf{u}\|\,\|\mathbf{v}\|)$.
# This makes sense because of the **Cauchy–Schwarz inequality**
#
# $$
# |\mathbf{u} \cdot \mathbf{v}| \le \|\mathbf{u}\|\,\|\mathbf{v}\| ,
# $$
#
# which guarantees that the fraction lies in $[-1, 1]$. It holds in every
# dimension and is proved by algebra alone: for $\mathbf{v} \ne \mathbf{0}$ and
# $t = \mathbf{u}\cdot\mathbf{v} / \mathbf{v}\cdot\mathbf{v}$, expanding
# $0 \le \|\mathbf{u} - t\,\mathbf{v}\|^2$ gives
# $0 \le \|\mathbf{u}\|^2 - (\mathbf{u}\cdot\mathbf{v})^2 / \|\mathbf{v}\|^2$.
# Equality holds exactly when $\mathbf{u} = t\,\mathbf{v}$, i.e. when one
# vector is a multiple of the other.
#
# The sign of $\mathbf{u}\cdot\mathbf{v}$ tells you the rough direction:
# positive for an acute angle, zero for a right angle, negative for an obtuse
# one.
#
# In NumPy, `u @ v` (or `np.dot(u, v)`) computes the dot product of two 1-D
# arrays.

# %%
u = np.array([1.0, 2.0, 3.0])
v = np.array([4.0, -5.0, 6.0])
print("u @ v          =", u @ v)          # 1*4 + 2*(-5) + 3*6 = 12
print("sum(u * v)     =", np.sum(u * v))
print("u @ u, |u|^2   =", u @ u, np.linalg.norm(u) ** 2)
print("Cauchy-Schwarz:", abs(u @ v), "<=", round(np.linalg.norm(u) * np.linalg.norm(v), 3))

# %% [markdown]
# ### The angle between two vectors
#
# Solving the formula above for $\theta$:
#
# $$
# \theta = \arccos\left(\frac{\mathbf{u} \cdot \mathbf{v}}{\|\mathbf{u}\|\,\|\mathbf{v}\|}\right),
# \qquad \mathbf{u}, \mathbf{v} \ne \mathbf{0}.
# $$
#
# Mathematically the argument always lies in $[-1, 1]$ (Cauchy–Schwarz). In
# floating point it may not: rounding errors in the dot product and the square
# roots can push it to $1.0000000000000002$, and `np.arccos` of a number
# outside $[-1, 1]$ is `nan`. The classic victim is the angle between a vector
# and itself (or a positive multiple of itself), which should be exactly 0.
#
# Take $\mathbf{a} = (1, 1, 1)$. Its dot product with itself, 3, is exact, but
# $\|\mathbf{a}\| = \sqrt{3}$ is not a float: it is rounded, and the product
# $\sqrt{3}\cdot\sqrt{3}$ of the rounded values comes out as
# $2.9999999999999996$, so the quotient is a little above 1. For a vector like
# $(1.1, 2.2, 3.3)$ even the dot product is rounded, and then whether the
# quotient lands above 1 depends on your machine: NumPy hands `@` to a BLAS
# library, which adds up the products in an order chosen for your CPU. (We use
# whole numbers here, so that every sum is exact and the output is the same on
# every machine.)
#
# The fix is to **clip** the cosine into $[-1, 1]$ before calling `arccos`.
# Clipping only removes rounding error; it never changes a value that is
# already in range.

# %%
a = np.array([1.0, 1.0, 1.0])
ratio = (a @ a) / (np.linalg.norm(a) * np.linalg.norm(a))
print("a @ a =", a @ a, "  norm(a) * norm(a) =", repr(float(np.linalg.norm(a) * np.linalg.norm(a))))
print("cosine of the angle between a and a:", repr(float(ratio)))
print("greater than 1?", ratio > 1)
with np.errstate(invalid="ignore"):  # silence the RuntimeWarning to show the value
    print("np.arccos(ratio) =", np.arccos(ratio))


def angle(u, v):
    """Angle between non-zero vectors u and v, in radians."""
    cos = (u @ v) / (np.linalg.norm(u) * np.linalg.norm(v))
    return np.arccos(np.clip(cos, -1.0, 1.0))

print("with clipping, angle(a, a) =", angle(a, a))
print("angle([1,0], [1,1])  =", round(np.degrees(angle(np.array([1.0, 0.0]), np.array([1.0, 1.0]))), 6), "degrees")
print("angle([1,0], [-1,0]) =", round(np.degrees(angle(np.array([1.0, 0.0]), np.array([-1.0, 0.0]))), 6), "degrees")

# %% [markdown]
# ### Orthogonality
#
# Two vectors are **orthogonal**, $\mathbf{u} \perp \mathbf{v}$, if
# $\mathbf{u} \cdot \mathbf{v} = 0$. For non-zero vectors this means they meet
# at a right angle. (The zero vector is orthogonal to everything.) For
# orthogonal vectors Pythagoras holds:
# $\|\mathbf{u} + \mathbf{v}\|^2 = \|\mathbf{u}\|^2 + 2\,\mathbf{u}\cdot\mathbf{v} + \|\mathbf{v}\|^2 = \|\mathbf{u}\|^2 + \|\mathbf{v}\|^2$.
#
# In floating point, test orthogonality with a tolerance
# (`np.isclose(u @ v, 0)`), never with `== 0`.

# %%
p = np.array([1.0, 2.0])
q = np.array([-2.0, 1.0])  # p rotated by 90 degrees
print("p @ q =", p @ q, "  orthogonal:", np.isclose(p @ q, 0.0))
print("|p+q|^2 =", (p + q) @ (p + q), " |p|^2 + |q|^2 =", p @ p + q @ q)

# %% [markdown]
# **Why it matters in ML.**
#
# * A **linear model** scores an input by a dot product:
#   $\hat{y} = \mathbf{w} \cdot \mathbf{x} + b$. For all samples at once this
#   is the matrix–vector product $X\mathbf{w} + b$: entry $i$ is
#   $\mathbf{x}_i \cdot \mathbf{w} + b$. A neuron computes exactly this before
#   its non-linearity, and attention in transformers compares queries and keys
#   by dot products.
# * The decision boundary $\{\mathbf{x} : \mathbf{w}\cdot\mathbf{x} + b = 0\}$ of
#   a linear classifier is a hyperplane **orthogonal** to $\mathbf{w}$ (for
#   $\mathbf{w} \ne \mathbf{0}$: if $\mathbf{x}$ and $\mathbf{x}'$ both lie on
#   it, $\mathbf{w}\cdot(\mathbf{x} - \mathbf{x}') = 0$, so every direction
#   inside the boundary is orthogonal to $\mathbf{w}$).
# * For centered features, the dot product of two columns is proportional to
#   their covariance; orthogonal centered columns are **uncorrelated**.

# %%
w = np.array([1.5, 10.0, -0.5, -2.0])  # made-up weights (price in thousands)
b = 20.0
print("scores via X @ w + b:       ", X @ w + b)
print("score of house 0, by a loop:", sum(X[0, j] * w[j] for j in range(d)) + b)

# %% [markdown]
# ## 5. Cosine similarity
#
# The **cosine similarity** of two non-zero vectors is the cosine of the angle
# between them:
#
# $$
# \cos(\mathbf{u}, \mathbf{v}) = \frac{\mathbf{u} \cdot \mathbf{v}}{\|\mathbf{u}\|\,\|\mathbf{v}\|}
# = \hat{\mathbf{u}} \cdot \hat{\mathbf{v}} \in [-1, 1].
# $$
#
# It is $1$ for vectors pointing the same way, $0$ for orthogonal vectors and
# $-1$ for opposite ones. Crucially, it ignores length: for any $c > 0$,
# $\cos(c\,\mathbf{u}, \mathbf{v}) = \cos(\mathbf{u}, \mathbf{v})$. That is
# exactly what we want when the length of a vector is a nuisance — for example
# the length of a document.
#
# **Documents as vectors.** Fix a vocabulary of $d$ words and represent a
# document by its word counts (a "bag of words"). Below, document 3 is document
# 0 pasted twice.

# %%
vocab = ["vector", "matrix", "gradient", "goal", "match", "team"]
docs = np.array([
    [3, 2, 1, 0, 0, 0],  # 0: linear-algebra notes
    [2, 3, 2, 0, 0, 0],  # 1: ML lecture
    [0, 0, 0, 3, 2, 2],  # 2: football report
    [6, 4, 2, 0, 0, 0],  # 3: document 0, twice
    [1, 0, 0, 1, 1, 1],  # 4: a bit of both
], dtype=float)

print("Euclidean distance doc0-doc3:", round(np.linalg.norm(docs[0] - docs[3]), 3))
print("Euclidean distance doc0-doc1:", round(np.linalg.norm(docs[0] - docs[1]), 3))

# %% [markdown]
# By Euclidean distance, document 0 is closer to the (different) ML lecture
# than to a copy of itself. Cosine similarity gets this right.
#
# **The whole similarity matrix at once.** Normalize each row of the data
# matrix to unit length, $\hat{X}$; then entry $(i, j)$ of
# $S = \hat{X}\hat{X}^\top$ is $\hat{\mathbf{x}}_i \cdot \hat{\mathbf{x}}_j$,
# the cosine similarity of samples $i$ and $j$. One matrix product replaces a
# double loop. $S$ is symmetric with ones on the diagonal.

# %%
row_norms = np.linalg.norm(docs, axis=1, keepdims=True)  # shape (5, 1)
docs_hat = docs / row_norms                              # broadcasting: divide each row
S = docs_hat @ docs_hat.T
print(S)

# check one entry against the definition
i, j = 0, 1
print(np.isclose(S[i, j], docs[i] @ docs[j] / (np.linalg.norm(docs[i]) * np.linalg.norm(docs[j]))))

# %% [markdown]
# Reading the matrix: documents 0 and 3 have similarity exactly 1 (same
# direction); the linear-algebra notes 0 and the ML lecture 1, which use the
# same three words, are very similar (0.907); the football report 2 shares no
# words with them (similarity 0, orthogonal count vectors). The mixed document
# 4 leans towards football — three of its four words are football words: its
# similarity is 0.849 to the football report but only 0.401 to document 0 (and
# 3) and 0.243 to document 1. Since word counts are non-negative, all
# similarities here lie in $[0, 1]$.
#
# **The zero vector.** A document that contains none of the vocabulary words is
# the zero vector. Its norm is 0, so normalization divides by zero and the
# whole row and column of $S$ become `nan` (NumPy also emits a
# `RuntimeWarning`). The cosine of an angle with the zero vector is simply not
# defined; a common convention is to define its similarity to everything as 0:
# leave zero rows as they are instead of dividing them.

# %%
docs_z = np.vstack([docs, np.zeros(len(vocab))])  # document 5 is empty
norms_z = np.linalg.norm(docs_z, axis=1, keepdims=True)

with np.errstate(invalid="ignore"):  # naive version, warning silenced for display
    naive = docs_z / norms_z
print("naive normalized row 5:", naive[5])

# safe version: divide only where the norm is positive, keep zero rows at zero
docs_z_hat = np.divide(docs_z, norms_z, out=np.zeros_like(docs_z), where=norms_z > 0)
S_z = docs_z_hat @ docs_z_hat.T
print("row 5 of the safe similarity matrix:", S_z[5])

# %% [markdown]
# Note that with this convention $S_{55} = 0$, not 1: the diagonal is 1 only
# for non-zero vectors.
#
# **Why it matters in ML.** Cosine similarity is the standard way to compare
# text (TF-IDF vectors), and embeddings: semantic search, recommendation and
# retrieval-augmented generation rank items by the cosine similarity between a
# query embedding and item embeddings — computed exactly as above, as one
# matrix product of normalized vectors.

# %% [markdown]
# ## 6. Projection onto a vector
#
# Given $\mathbf{u}$ and a non-zero $\mathbf{v}$, which multiple $c\,\mathbf{v}$
# is closest to $\mathbf{u}$? The answer is the one whose error
# $\mathbf{r} = \mathbf{u} - c\,\mathbf{v}$ is orthogonal to $\mathbf{v}$.
# Setting $(\mathbf{u} - c\,\mathbf{v}) \cdot \mathbf{v} = 0$ gives
# $c = \dfrac{\mathbf{u}\cdot\mathbf{v}}{\mathbf{v}\cdot\mathbf{v}}$, so
#
# $$
# \operatorname{proj}_{\mathbf{v}}(\mathbf{u}) = \frac{\mathbf{u}\cdot\mathbf{v}}{\mathbf{v}\cdot\mathbf{v}}\,\mathbf{v},
# \qquad
# \mathbf{r} = \mathbf{u} - \operatorname{proj}_{\mathbf{v}}(\mathbf{u}) \perp \mathbf{v}.
# $$
#
# Why this $c$ is the closest: for any other multiple $t\,\mathbf{v}$,
# $\mathbf{u} - t\,\mathbf{v} = \mathbf{r} + (c - t)\mathbf{v}$ is a sum of two
# orthogonal vectors, so by Pythagoras
# $\|\mathbf{u} - t\,\mathbf{v}\|^2 = \|\mathbf{r}\|^2 + (c-t)^2\|\mathbf{v}\|^2 \ge \|\mathbf{r}\|^2$.
#
# Consequences: $\mathbf{u} = \operatorname{proj}_{\mathbf{v}}(\mathbf{u}) + \mathbf{r}$
# splits $\mathbf{u}$ into a part along $\mathbf{v}$ and a part orthogonal to
# it, with $\|\mathbf{u}\|^2 = \|\operatorname{proj}_{\mathbf{v}}(\mathbf{u})\|^2 + \|\mathbf{r}\|^2$.
# If $\mathbf{v}$ is a unit vector the formula simplifies to
# $(\mathbf{u}\cdot\mathbf{v})\,\mathbf{v}$, and the signed length of the
# projection is $\mathbf{u}\cdot\mathbf{v}$.
#
# Example: $\mathbf{u} = (2, 3)$, $\mathbf{v} = (4, 1)$. Then
# $\mathbf{u}\cdot\mathbf{v} = 11$, $\mathbf{v}\cdot\mathbf{v} = 17$, the
# projection is $\frac{11}{17}(4, 1) = \left(\frac{44}{17}, \frac{11}{17}\right) \approx (2.588, 0.647)$
# and the residual is $\left(-\frac{10}{17}, \frac{40}{17}\right) \approx (-0.588, 2.353)$,
# whose dot product with $\mathbf{v}$ is $-\frac{40}{17} + \frac{40}{17} = 0$.
# NumPy gets this up to rounding; SymPy, working with exact fractions, gets it exactly.
# **Figure 2** draws the picture: the projection is the foot of the
# perpendicular dropped from the tip of $\mathbf{u}$ onto the line through
# $\mathbf{v}$.

# %%
def proj(u, v):
    """Projection of u onto the line spanned by the non-zero vector v."""
    return (u @ v) / (v @ v) * v

u = np.array([2.0, 3.0])
v = np.array([4.0, 1.0])
pu = proj(u, v)
r = u - pu
print("u.v =", u @ v, "  v.v =", v @ v)
print("proj_v(u) =", pu)
print("residual  =", r)
print("residual orthogonal to v:", np.isclose(r @ v, 0.0))
print("Pythagoras:", u @ u, "=", round(pu @ pu + r @ r, 10))

# the same computation in exact arithmetic
u_s = sp.Matrix([2, 3])
v_s = sp.Matrix([4, 1])
pu_s = (u_s.dot(v_s) / v_s.dot(v_s)) * v_s
r_s = u_s - pu_s
print("SymPy: proj_v(u) =", list(pu_s), "  residual =", list(r_s), "  residual . v =", r_s.dot(v_s))

# %%
def arrow(ax, start, end, color):
    ax.annotate("", xy=end, xytext=start,
                arrowprops=dict(arrowstyle="-|>", color=color, lw=2, shrinkA=0, shrinkB=0))

fig, ax = plt.subplots(figsize=(5, 5))
line = np.outer(np.linspace(-0.25, 1.2, 2), v)  # a piece of the line spanned by v
ax.plot(line[:, 0], line[:, 1], ":", color="grey", label=r"line spanned by $\mathbf{v}$")
for vec, start, color, label in [
        (u, np.zeros(2), "C0", r"$\mathbf{u}$"),
        (v, np.zeros(2), "C1", r"$\mathbf{v}$"),
        (pu, np.zeros(2), "C2", r"$\mathrm{proj}_{\mathbf{v}}(\mathbf{u})$"),
        (u, pu, "C3", r"residual $\mathbf{r} = \mathbf{u} - \mathrm{proj}_{\mathbf{v}}(\mathbf{u})$")]:
    ax.plot([start[0], vec[0]], [start[1], vec[1]], color=color, lw=2, label=label)
    arrow(ax, start, vec, color)

# right-angle marker at the foot of the perpendicular
s = 0.25
e1, e2 = v / np.linalg.norm(v), r / np.linalg.norm(r)
corner = np.array([pu - s * e1, pu - s * e1 + s * e2, pu + s * e2])
ax.plot(corner[:, 0], corner[:, 1], color="black", lw=1)

ax.set_aspect("equal")
ax.set_xlim(-0.5, 5)
ax.set_ylim(-0.5, 4)
ax.grid(alpha=0.3)
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title("Figure 2: projection of $\\mathbf{u}=(2,3)$ onto $\\mathbf{v}=(4,1)$")
ax.legend(loc="upper right", fontsize=8)
plt.show()

# %% [markdown]
# **Why it matters in ML.** Projection is the simplest case of **least
# squares**. Fit a line through the origin, $y \approx c\,x$, to data
# $(x_i, y_i)$: the vector of predictions $c\,\mathbf{x}$ is a multiple of the
# feature column $\mathbf{x} \in \mathbb{R}^n$, and the sum of squared errors
# $\|\mathbf{y} - c\,\mathbf{x}\|^2$ is smallest exactly when $c\,\mathbf{x}$ is
# the projection of $\mathbf{y}$ onto $\mathbf{x}$, i.e.
# $c = \dfrac{\mathbf{x}\cdot\mathbf{y}}{\mathbf{x}\cdot\mathbf{x}}$. The residuals are
# orthogonal to the feature. Linear regression with many features (chapters 03
# and 04) projects onto a span of several columns, and PCA projects data
# onto a few well-chosen directions.

# %%
x_feat = rng.uniform(0, 10, size=20)
y = 2.5 * x_feat + rng.normal(0, 1, size=20)  # true slope 2.5 plus noise

c_proj = (x_feat @ y) / (x_feat @ x_feat)
c_lstsq = np.linalg.lstsq(x_feat[:, None], y, rcond=None)[0][0]
print("slope by projection:", round(c_proj, 4))
print("slope by lstsq:     ", round(c_lstsq, 4))
print("residuals orthogonal to x:", np.isclose((y - c_proj * x_feat) @ x_feat, 0.0))

# %% [markdown]
# ## 7. Linear combinations and span
#
# A **linear combination** of vectors $\mathbf{v}_1, \dots, \mathbf{v}_k$ is
#
# $$
# c_1\mathbf{v}_1 + c_2\mathbf{v}_2 + \dots + c_k\mathbf{v}_k, \qquad c_1, \dots, c_k \in \mathbb{R}.
# $$
#
# If the $\mathbf{v}_j$ are the columns of a matrix $A$, this is the
# matrix–vector product $A\mathbf{c}$ — a fact worth remembering:
# **$A\mathbf{c}$ is a linear combination of the columns of $A$ with
# coefficients $\mathbf{c}$.**
#
# The **span** of $\mathbf{v}_1, \dots, \mathbf{v}_k$ is the set of all their
# linear combinations:
#
# $$
# \operatorname{span}(\mathbf{v}_1, \dots, \mathbf{v}_k) = \{ c_1\mathbf{v}_1 + \dots + c_k\mathbf{v}_k : c_1, \dots, c_k \in \mathbb{R} \}.
# $$
#
# It always contains $\mathbf{0}$ (take all $c_j = 0$). The span of one
# non-zero vector is a line through the origin; the span of two vectors in
# $\mathbb{R}^2$ is the whole plane — *unless* they lie on one line through the
# origin. In that case their span is that line — or just $\{\mathbf{0}\}$ if
# both vectors are zero. The two vectors need not be orthogonal or of equal
# length to span the plane; all that matters is that they do not lie on one
# line.

# %%
v1 = np.array([1.0, 0.5])
v2 = np.array([0.5, 1.0])
A = np.column_stack([v1, v2])    # v1, v2 as columns
c = np.array([2.0, -1.0])
print("A @ c         =", A @ c)
print("2*v1 + (-1)*v2 =", 2 * v1 - 1 * v2)

# %% [markdown]
# **Figure 3.** Each dot is one combination $a\,\mathbf{v}_1 + b\,\mathbf{v}_2$
# for $a, b$ on a grid from $-2$ to $2$. On the left the two vectors point in
# different directions: the dots form a slanted grid that, as $a, b$ range over
# all real numbers, covers the whole plane. On the right
# $\mathbf{w}_2 = -\tfrac12\mathbf{w}_1$: every combination is a multiple of
# $\mathbf{w}_1$ and all dots fall on one line.

# %%
grid = np.linspace(-2, 2, 9)
a_, b_ = np.meshgrid(grid, grid)
coeffs = np.column_stack([a_.ravel(), b_.ravel()])  # 81 pairs (a, b)

w1 = np.array([1.0, 2.0])
w2 = -0.5 * w1  # dependent on w1

fig, axes = plt.subplots(1, 2, figsize=(9, 4.5))
panels = [
    (axes[0], v1, v2, r"$\mathbf{v}_1$", r"$\mathbf{v}_2$",
     r"$a\,\mathbf{v}_1 + b\,\mathbf{v}_2$, $a, b \in [-2, 2]$",
     "independent: span is all of $\\mathbb{R}^2$"),
    (axes[1], w1, w2, r"$\mathbf{w}_1$", r"$\mathbf{w}_2 = -\frac{1}{2}\mathbf{w}_1$",
     r"$a\,\mathbf{w}_1 + b\,\mathbf{w}_2$, $a, b \in [-2, 2]$",
     "dependent: span is a line"),
]
for ax, first, second, name1, name2, points_label, title in panels:
    pts = coeffs @ np.vstack([first, second])   # row k is a_k * first + b_k * second
    ax.scatter(pts[:, 0], pts[:, 1], s=12, color="grey", alpha=0.6, label=points_label)
    for vec, color, name in [(first, "C0", name1), (second, "C3", name2)]:
        ax.plot([0, vec[0]], [0, vec[1]], color=color, lw=2.5, label=name)
        arrow(ax, np.zeros(2), vec, color)
    ax.set_aspect("equal")
    ax.set_xlim(-4.5, 4.5)
    ax.set_ylim(-4.5, 4.5)
    ax.grid(alpha=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title, fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
fig.suptitle("Figure 3: the span of two vectors", fontsize=11)
plt.tight_layout()
plt.show()

# %% [markdown]
# In $\mathbb{R}^3$, the span of two non-parallel vectors is a **plane through
# the origin**. One way to see it: for two such vectors $\mathbf{p}_1, \mathbf{p}_2$
# the cross product $\mathbf{n} = \mathbf{p}_1 \times \mathbf{p}_2$ is orthogonal to both, hence
# (by linearity of the dot product) to every combination of them. So the span
# lies inside the plane $\{\mathbf{x} : \mathbf{n}\cdot\mathbf{x} = 0\}$, and
# it is that plane (both are 2-dimensional, so they coincide). A vector with
# $\mathbf{n}\cdot\mathbf{x} \ne 0$ is not in the span.

# %%
p1 = np.array([1.0, 0.0, 1.0])
p2 = np.array([0.0, 1.0, 1.0])
normal = np.cross(p1, p2)
print("normal n =", normal)

combos = rng.normal(size=(5, 2)) @ np.vstack([p1, p2])  # 5 random combinations, as rows
print("n . (combination) for 5 random combinations:", np.isclose(combos @ normal, 0.0))
print("n . (0, 0, 1) =", normal @ np.array([0.0, 0.0, 1.0]), "-> (0, 0, 1) is not in the span")

# %% [markdown]
# **Why it matters in ML.** For a linear model, the prediction vector on the
# training set is $X\mathbf{w} = w_1\mathbf{c}_1 + \dots + w_d\mathbf{c}_d$,
# where $\mathbf{c}_j$ is column $j$ of $X$ (`X[:, j-1]` in NumPy): a linear
# combination of the feature columns. With an intercept $b$, the predictions
# $X\mathbf{w} + b\,\mathbf{1}$ add the all-ones column $\mathbf{1}$ to the
# list. Whatever the weights, a linear model can
# only produce predictions in the **span of the columns** of $X$ (the column
# space). Fitting it means finding the point of that span closest to the
# targets $\mathbf{y}$ — a projection, as in Section 6. Adding a feature
# enlarges the span only if the new column is not already in it, which brings
# us to linear independence.

# %% [markdown]
# ## 8. Linear independence
#
# Vectors $\mathbf{v}_1, \dots, \mathbf{v}_k$ are **linearly independent** if
# the only way to combine them into the zero vector is the trivial one:
#
# $$
# c_1\mathbf{v}_1 + \dots + c_k\mathbf{v}_k = \mathbf{0} \quad\Longrightarrow\quad c_1 = \dots = c_k = 0 .
# $$
#
# Otherwise they are **linearly dependent**: some non-trivial combination gives
# $\mathbf{0}$, and any vector with $c_j \ne 0$ in it can be written as a
# combination of the others (divide by $c_j$ and rearrange). Equivalently:
# independent vectors are those where no vector is redundant — removing any of
# them shrinks the span.
#
# **Test via rank.** Put the vectors as the columns of a matrix
# $A = [\mathbf{v}_1 \cdots \mathbf{v}_k]$. The **rank** of $A$ is the
# dimension of its column span (the largest number of independent columns).
# The vectors are independent exactly when $\operatorname{rank}(A) = k$.
# In particular, more than $d$ vectors in $\mathbb{R}^d$ are always dependent.
#
# ### An exact example with SymPy
#
# Take four vectors in $\mathbb{R}^4$ with integer entries. (We built
# $\mathbf{v}_3$ as $2\mathbf{v}_1 + 3\mathbf{v}_2$, but pretend we don't know
# that.)

# %%
v1 = sp.Matrix([1, 0, 2, 1])
v2 = sp.Matrix([0, 1, 1, 3])
v3 = sp.Matrix([2, 3, 7, 11])
v4 = sp.Matrix([1, 1, 0, 0])
A = sp.Matrix.hstack(v1, v2, v3, v4)   # the vectors as columns
print("A =", A.tolist())
print("rank:", A.rank())
R, pivots = A.rref()
print("pivot columns:", pivots)
R

# %% [markdown]
# The **reduced row echelon form** (RREF, computed by Gauss–Jordan elimination
# in exact rational arithmetic) has pivots in columns 0, 1 and 3 — SymPy counts
# from 0, so these are $\mathbf{v}_1, \mathbf{v}_2, \mathbf{v}_4$. The rank is
# 3 < 4: the vectors are dependent. A column without a pivot is a combination
# of the pivot columns to its left, and the RREF shows the coefficients: the
# column of $R$ belonging to $\mathbf{v}_3$ is $(2, 3, 0, 0)$, i.e.
# $\mathbf{v}_3 = 2\mathbf{v}_1 + 3\mathbf{v}_2$.
# (Row operations do not change linear relations among the columns, which is
# why we can read them off $R$.)
#
# The same relation appears in the **null space** of $A$, the set of all
# $\mathbf{c}$ with $A\mathbf{c} = \mathbf{0}$ — by definition the
# coefficient vectors of combinations that give $\mathbf{0}$:

# %%
null = A.nullspace()
print("basis of the null space:", [list(vec) for vec in null])
c = null[0]
print("A @ c =", list(A * c))
print("rank of [v1 v2 v4]:", sp.Matrix.hstack(v1, v2, v4).rank())

# %% [markdown]
# The null space is spanned by $\mathbf{c} = (-2, -3, 1, 0)$, which says
# $-2\mathbf{v}_1 - 3\mathbf{v}_2 + \mathbf{v}_3 = \mathbf{0}$, i.e.
# $\mathbf{v}_3 = 2\mathbf{v}_1 + 3\mathbf{v}_2$. The vectors are independent
# exactly when the null space contains only $\mathbf{0}$ (SymPy then returns an
# empty list). Dropping $\mathbf{v}_3$ leaves an independent set (rank 3, printed
# last) with the same span.
#
# ### Numerical rank needs a tolerance
#
# With floating-point numbers, a dependence that holds exactly on paper rarely
# holds exactly in memory. NumPy computes the rank with
# `np.linalg.matrix_rank`, which counts the **singular values** of $A$ that
# are larger than a tolerance. (Singular values get a chapter of their own
# later; for now: they are non-negative numbers computed from $A$, and the
# rank is exactly the number of non-zero ones.) By default the tolerance is
# $\sigma_{\max} \cdot \max(m, n) \cdot \varepsilon$ with machine epsilon
# $\varepsilon \approx 2.2 \times 10^{-16}$. Without it, rounding errors would
# make almost every matrix look "full rank".

# %%
f1 = np.array([0.1, 0.2, 0.3])
f2 = np.array([0.7, 0.1, 0.4])
f3 = 0.3 * f1 + 0.6 * f2          # dependent in exact arithmetic
F = np.column_stack([f1, f2, f3])

sv = np.linalg.svd(F, compute_uv=False)   # the singular values
tol = sv.max() * max(F.shape) * np.finfo(float).eps
print("singular values (rounded):", np.round(sv, 6))
print("smallest below the default tolerance:", bool(sv[-1] < tol))
print("matrix_rank (default tolerance):", np.linalg.matrix_rank(F))

# %% [markdown]
# The default tolerance correctly reports rank 2. The smallest singular value
# should be exactly 0, but rounding in `0.3 * f1 + 0.6 * f2` and inside the SVD
# typically leaves a tiny non-zero number, far below the tolerance (it shows as
# 0 after rounding). Its exact digits depend on your CPU and linear-algebra
# library, so the output of the next cell differs from machine to machine.
# With `tol=0` every such leftover counts, and on most machines the rank comes
# out as the wrong answer 3:

# %% tags=["nbval-ignore-output"]
print(f"smallest singular value: {sv[-1]:.1e}")
print("matrix_rank (tol=0):", np.linalg.matrix_rank(F, tol=0))
assert sv[-1] < tol  # whatever its digits, the leftover is below the default tolerance

# %% [markdown]
# The tolerance is a modelling choice, not just a technicality. If a column is
# a combination of others *plus a little noise*, the matrix is mathematically
# of full rank but numerically close to a dependent one:

# %%
f3_noisy = f3 + 1e-10 * np.array([1.0, -1.0, 1.0])
F_noisy = np.column_stack([f1, f2, f3_noisy])
print("default tolerance:", np.linalg.matrix_rank(F_noisy))
print("rtol = 1e-8:      ", np.linalg.matrix_rank(F_noisy, rtol=1e-8))

# %% [markdown]
# **Why it matters in ML.** Dependent (or nearly dependent) feature columns —
# **multicollinearity** — mean the weights of a linear model are not
# determined by the data: if the feature columns were $\mathbf{v}_1, \dots, \mathbf{v}_4$
# above, with $\mathbf{v}_3 = 2\mathbf{v}_1 + 3\mathbf{v}_2$, you could add $t\,(-2, -3, 1, 0)$ (any multiple of a null-space vector) to
# $\mathbf{w}$ without changing a single prediction. Typical causes: the same
# quantity in two units (m² and ft²), or the **dummy-variable trap** — one-hot
# columns for every category plus an intercept column of ones, since the
# one-hot columns already sum to the ones column. The null space finds the
# relation for us:

# %%
# columns: intercept, is_city, is_suburb, is_rural (5 houses)
D = sp.Matrix([
    [1, 1, 0, 0],
    [1, 0, 1, 0],
    [1, 0, 0, 1],
    [1, 1, 0, 0],
    [1, 0, 0, 1],
])
print("rank:", D.rank(), "of", D.cols, "columns")
print("null space:", [list(vec) for vec in D.nullspace()])

# %% [markdown]
# The null-space vector $(-1, 1, 1, 1)$ says
# $-\mathtt{intercept} + \mathtt{is\_city} + \mathtt{is\_suburb} + \mathtt{is\_rural} = \mathbf{0}$.
# The standard cure is to drop one category column (or the intercept), or to use
# ridge regularization, which makes the best weight vector unique again.

# %% [markdown]
# ## 9. Basis and coordinates
#
# A **basis** of $\mathbb{R}^d$ is a set of vectors that is
#
# 1. linearly independent (no redundancy), and
# 2. spans $\mathbb{R}^d$ (every vector can be reached).
#
# Every basis of $\mathbb{R}^d$ has exactly $d$ vectors, and every vector
# $\mathbf{x}$ can be written in exactly **one** way as
# $\mathbf{x} = c_1\mathbf{b}_1 + \dots + c_d\mathbf{b}_d$ (existence from
# spanning, uniqueness from independence). The numbers
# $(c_1, \dots, c_d)$ are the **coordinates** of $\mathbf{x}$ in the basis.
#
# The **standard basis** $\mathbf{e}_1 = (1, 0, \dots, 0), \dots, \mathbf{e}_d = (0, \dots, 0, 1)$
# is the one we have silently used so far: the coordinates of $\mathbf{x}$ in
# it are just its entries, $\mathbf{x} = x_1\mathbf{e}_1 + \dots + x_d\mathbf{e}_d$.
#
# ### Coordinates in another basis
#
# Take $\mathbf{b}_1 = (2, 1)$, $\mathbf{b}_2 = (1, 3)$ and
# $\mathbf{x} = (4, 7)$. With $B = [\mathbf{b}_1\ \mathbf{b}_2]$ (basis vectors
# as columns), "$\mathbf{x} = c_1\mathbf{b}_1 + c_2\mathbf{b}_2$" is the linear
# system $B\mathbf{c} = \mathbf{x}$:
#
# $$
# \begin{pmatrix} 2 & 1 \\ 1 & 3 \end{pmatrix}\begin{pmatrix} c_1 \\ c_2 \end{pmatrix} = \begin{pmatrix} 4 \\ 7 \end{pmatrix}.
# $$
#
# Because the columns form a basis, the system has exactly one solution. Use
# `np.linalg.solve` rather than computing an inverse matrix.

# %%
B = np.array([[2.0, 1.0],
              [1.0, 3.0]])            # columns b1 = (2, 1), b2 = (1, 3)
x = np.array([4.0, 7.0])
print("rank of B:", np.linalg.matrix_rank(B), "-> b1, b2 form a basis of R^2")

coords = np.linalg.solve(B, x)
print("coordinates of x in the basis (b1, b2):", coords)
print("check  c1*b1 + c2*b2 =", coords[0] * B[:, 0] + coords[1] * B[:, 1])

# %% [markdown]
# So $\mathbf{x} = 1\cdot\mathbf{b}_1 + 2\cdot\mathbf{b}_2$: the same arrow has
# coordinates $(4, 7)$ in the standard basis and $(1, 2)$ in the basis
# $(\mathbf{b}_1, \mathbf{b}_2)$.
#
# ### Orthonormal bases: coordinates are dot products
#
# A basis $\mathbf{q}_1, \dots, \mathbf{q}_d$ is **orthonormal** if its vectors
# are unit vectors and pairwise orthogonal:
# $\mathbf{q}_i\cdot\mathbf{q}_j = 1$ if $i = j$ and $0$ otherwise. Then no
# system needs to be solved: dotting $\mathbf{x} = \sum_j c_j\mathbf{q}_j$ with
# $\mathbf{q}_i$ kills every term except $j = i$, so
#
# $$
# c_i = \mathbf{q}_i\cdot\mathbf{x}, \qquad\text{i.e.}\qquad \mathbf{x} = \sum_{i=1}^d (\mathbf{q}_i\cdot\mathbf{x})\,\mathbf{q}_i ,
# $$
#
# a sum of projections onto the basis vectors. With $Q = [\mathbf{q}_1 \cdots \mathbf{q}_d]$
# this reads $\mathbf{c} = Q^\top\mathbf{x}$, since $Q^\top Q = I$. Lengths are
# preserved too: $\|\mathbf{c}\| = \|\mathbf{x}\|$.
#
# Example: the standard basis rotated by 45° counter-clockwise,
# $\mathbf{q}_1 = \tfrac{1}{\sqrt2}(1, 1)$, $\mathbf{q}_2 = \tfrac{1}{\sqrt2}(-1, 1)$.
# For $\mathbf{x} = (4, 7)$: $c_1 = 11/\sqrt2 \approx 7.778$ and
# $c_2 = 3/\sqrt2 \approx 2.121$.

# %%
Q = np.column_stack([[1.0, 1.0], [-1.0, 1.0]]) / np.sqrt(2)
print("Q^T Q = I:", np.allclose(Q.T @ Q, np.eye(2)))

c_dot = Q.T @ x                      # coordinates by dot products
c_solve = np.linalg.solve(Q, x)      # the general method agrees
print("coordinates by dot products:", c_dot)
print("coordinates by solve:       ", c_solve)
print("norms:", round(np.linalg.norm(c_dot), 6), round(np.linalg.norm(x), 6))

# %% [markdown]
# ### Building an orthonormal basis: Gram–Schmidt (idea only)
#
# Given independent vectors $\mathbf{v}_1, \dots, \mathbf{v}_k$, the
# **Gram–Schmidt process** produces orthonormal vectors
# $\mathbf{q}_1, \dots, \mathbf{q}_k$ with the same span. Take the vectors in
# order; from each one, subtract its projections onto the $\mathbf{q}$'s
# already built (what remains is orthogonal to all of them — Section 6), then
# normalize:
#
# $$
# \mathbf{w}_j = \mathbf{v}_j - \sum_{i=1}^{j-1} (\mathbf{v}_j\cdot\mathbf{q}_i)\,\mathbf{q}_i,
# \qquad
# \mathbf{q}_j = \frac{\mathbf{w}_j}{\|\mathbf{w}_j\|}.
# $$
#
# (Because the $\mathbf{q}_i$ are unit vectors, the projection onto
# $\mathbf{q}_i$ is just $(\mathbf{v}_j\cdot\mathbf{q}_i)\,\mathbf{q}_i$.) If
# some $\mathbf{w}_j$ is $\mathbf{0}$ — or, in floating point, tiny — then
# $\mathbf{v}_j$ was in the span of the previous vectors: Gram–Schmidt doubles
# as an independence test. You will implement it in the exercises. In
# practice, libraries compute such a basis through the QR factorization
# (`np.linalg.qr`, chapter 04) using an algorithm that is numerically
# more stable than the textbook Gram–Schmidt process.
#
# **Why it matters in ML.** Choosing a basis is choosing a representation of
# the data. PCA finds an orthonormal basis adapted to a data set; the
# coordinates of a sample in that basis (dot products with the basis vectors)
# are its principal-component scores, and keeping only the first few is
# dimensionality reduction. Orthonormal bases are preferred in numerical work
# because computing coordinates is cheap (dot products) and does not amplify
# rounding errors.

# %% [markdown]
# ## 10. Summary
#
# | concept | formula / tool | ML use |
# |---|---|---|
# | data matrix | $X \in \mathbb{R}^{n\times d}$, rows = samples | every data set |
# | arithmetic | $\mathbf{u} + \mathbf{v}$, $c\,\mathbf{u}$ | means, centering, gradient steps |
# | norms | $\lVert\cdot\rVert_2$, $\lVert\cdot\rVert_1$, $\lVert\cdot\rVert_\infty$ | distances, regularization, clipping |
# | dot product | $\mathbf{u}\cdot\mathbf{v} = \sum_i u_i v_i = \lVert\mathbf{u}\rVert\,\lVert\mathbf{v}\rVert\cos\theta$ | linear models, neurons, attention |
# | cosine similarity | $\hat{X}\hat{X}^\top$ with normalized rows | text and embedding search |
# | projection | $\frac{\mathbf{u}\cdot\mathbf{v}}{\mathbf{v}\cdot\mathbf{v}}\mathbf{v}$, residual $\perp \mathbf{v}$ | least squares, PCA |
# | span | all $A\mathbf{c}$ | what a linear model can predict |
# | independence | $\operatorname{rank}(A) = k$; null space $= \{\mathbf{0}\}$ | multicollinearity, dummy trap |
# | basis, coordinates | solve $B\mathbf{c} = \mathbf{x}$; orthonormal: $\mathbf{c} = Q^\top\mathbf{x}$ | representations, PCA |
#
# Practical lessons: standardize features before using distances; clip cosines
# before `arccos`; handle zero vectors before normalizing; never test floats
# with `== 0` — use tolerances (`np.isclose`, `matrix_rank`'s `tol`/`rtol`);
# use SymPy when you want exact answers on small integer examples.
#
# ## What's next
#
# In this chapter, matrices were mostly containers: a stack of data rows or of
# column vectors. **Chapter 02 — Linear transformations** treats a matrix as a
# *function* $\mathbf{x} \mapsto A\mathbf{x}$ that rotates, stretches, projects
# and shears space. We will see that $A\mathbf{x}$ — a linear combination of
# the columns of $A$ — is the only kind of map that preserves the vector
# operations of Section 2, that the columns of $A$ are the images of the
# standard basis vectors, and that composing maps is matrix multiplication.
