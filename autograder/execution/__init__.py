"""Running notebooks in kernels that may time out or die."""
