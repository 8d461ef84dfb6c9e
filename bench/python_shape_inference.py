"""The Python baseline for bench/whole-process.sh: load an ONNX file and run ONNX's own shape inference."""
import sys

import onnx
import onnx.shape_inference

# Weights may live in a missing external file (as for the oracle exports); shape inference needs none.
model = onnx.load(sys.argv[1], load_external_data=False)
inferred = onnx.shape_inference.infer_shapes(model)
print(len(inferred.graph.value_info))
