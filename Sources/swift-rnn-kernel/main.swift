import JupyterKernel
import NotebookLanguage

print("swift-rnn-kernel: under construction")
