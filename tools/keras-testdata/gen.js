// Builds Keras-format test models with TensorFlow.js and writes, for each:
//   NAME.json           the model's model.toJSON() (Keras topology: Sequential or functional "Model")
//   NAME.expected.json  what TensorFlow.js reports: per layer its name, class, output shape,
//                       countParams() and trainable parameters, plus the model's totals.
// A few models are also written in TensorFlow.js's own save format (model.json with the topology
// under "modelTopology"), through tf.io.withSaveHandler: NAME.tfjs.json.
// Usage: npm install && node gen.js [OUTDIR]   (default: ../../tests/CnnMem.Tests/TestData/keras)
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const outDir = path.resolve(process.argv[2] || path.join(__dirname, '../../tests/CnnMem.Tests/TestData/keras'));
fs.mkdirSync(outDir, { recursive: true });
const L = tf.layers;

function seq(name, layers) {
  const m = tf.sequential({ name });
  layers.forEach(l => m.add(l));
  return m;
}

const models = {
  // The classic answer's network: 4,632,902 parameters.
  seed: () => seq('seed', [
    L.conv2d({ inputShape: [50, 50, 3], filters: 32, kernelSize: 3, padding: 'same', name: 'C1' }),
    L.maxPooling2d({ poolSize: 2, name: 'P1' }),
    L.conv2d({ filters: 64, kernelSize: 3, padding: 'same', name: 'C2' }),
    L.maxPooling2d({ poolSize: 2, name: 'P2' }),
    L.flatten({ name: 'flatten' }),
    L.dense({ units: 500, name: 'FC1' }),
    L.dense({ units: 10, name: 'FC2' }),
  ]),

  // A sequential CNN with the usual layers and activations folded into conv/dense.
  sequential_cnn: () => seq('sequential_cnn', [
    L.conv2d({ inputShape: [32, 32, 3], filters: 16, kernelSize: 3, activation: 'relu', name: 'conv1' }),
    L.batchNormalization({ name: 'bn1' }),
    L.maxPooling2d({ poolSize: 2, name: 'pool1' }),
    L.conv2d({ filters: 32, kernelSize: [3, 3], strides: 2, padding: 'same', useBias: false, name: 'conv2' }),
    L.batchNormalization({ name: 'bn2', scale: false }),
    L.activation({ activation: 'relu', name: 'act2' }),
    L.dropout({ rate: 0.25, name: 'drop1' }),
    L.flatten({ name: 'flatten' }),
    L.dense({ units: 64, activation: 'relu', name: 'fc1' }),
    L.dropout({ rate: 0.5, name: 'drop2' }),
    L.dense({ units: 10, activation: 'softmax', name: 'fc2' }),
  ]),

  // Every 2-D layer (channels last).
  layers_2d: () => seq('layers_2d', [
    L.zeroPadding2d({ inputShape: [28, 30, 3], padding: [[1, 2], [3, 0]], name: 'zpad' }),
    L.conv2d({ filters: 8, kernelSize: [3, 5], dilationRate: 2, padding: 'same', name: 'conv_dil' }),
    L.reLU({ name: 'relu' }),
    L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', name: 'dw' }),
    L.depthwiseConv2d({ kernelSize: 3, strides: 2, useBias: false, name: 'dw_nobias' }),
    L.separableConv2d({ filters: 12, kernelSize: 3, padding: 'same', activation: 'relu', name: 'sep' }),
    L.separableConv2d({ filters: 10, kernelSize: 3, depthMultiplier: 2, useBias: false, name: 'sep_m2' }),
    L.conv2dTranspose({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', name: 'deconv_same' }),
    L.conv2dTranspose({ filters: 4, kernelSize: [4, 3], strides: [2, 1], name: 'deconv_valid' }),
    L.cropping2D({ cropping: [[1, 2], [0, 3]], name: 'crop' }),
    L.upSampling2d({ size: [2, 3], name: 'up' }),
    L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'maxpool_same' }),
    L.averagePooling2d({ poolSize: [2, 3], name: 'avgpool' }),
    L.layerNormalization({ name: 'ln' }),
    L.activation({ activation: 'tanh', name: 'tanh' }),
    L.softmax({ name: 'softmax' }),
    L.permute({ dims: [3, 1, 2], name: 'permute' }),
    L.reshape({ targetShape: [325, 4], name: 'reshape' }), // tfjs writes -1 as null and leaves that size unknown
    L.globalAveragePooling1d({ name: 'gap1d' }),
  ]),

  // 1-D layers, an embedding feeding a convolution, and dense on a sequence.
  layers_1d: () => seq('layers_1d', [
    L.embedding({ inputDim: 1000, outputDim: 32, inputLength: 50, name: 'embed' }),
    L.conv1d({ filters: 16, kernelSize: 5, activation: 'relu', name: 'conv1d' }),
    L.conv1d({ filters: 16, kernelSize: 3, strides: 2, dilationRate: 1, padding: 'same', name: 'conv1d_same' }),
    L.maxPooling1d({ poolSize: 2, name: 'maxpool1d' }),
    L.averagePooling1d({ poolSize: 3, strides: 1, padding: 'same', name: 'avgpool1d' }),
    L.dense({ units: 24, name: 'dense_seq' }),
    L.layerNormalization({ name: 'ln' }),
    L.globalMaxPooling1d({ name: 'gmp1d' }),
    L.dense({ units: 2, activation: 'sigmoid', name: 'out' }),
  ]),

  // 3-D layers.
  layers_3d: () => layers3d(),

  // The same 2-D CNN with channels first.
  channels_first: () => seq('channels_first', [
    L.conv2d({ inputShape: [3, 32, 32], dataFormat: 'channelsFirst', filters: 8, kernelSize: 3, name: 'conv1' }),
    L.batchNormalization({ axis: 1, name: 'bn1' }),
    L.maxPooling2d({ dataFormat: 'channelsFirst', poolSize: 2, name: 'pool1' }),
    L.zeroPadding2d({ dataFormat: 'channelsFirst', padding: 1, name: 'zpad' }),
    L.depthwiseConv2d({ dataFormat: 'channelsFirst', kernelSize: 3, name: 'dw' }),
    L.separableConv2d({ dataFormat: 'channelsFirst', filters: 16, kernelSize: 3, strides: 2, padding: 'same', name: 'sep' }),
    L.conv2dTranspose({ dataFormat: 'channelsFirst', filters: 8, kernelSize: 2, strides: 2, name: 'deconv' }),
    // (UpSampling2D with channels first: tfjs 4.22 leaves its output sizes unknown, so it is tested channels last only)
    L.cropping2D({ dataFormat: 'channelsFirst', cropping: 2, name: 'crop' }),
    L.averagePooling2d({ dataFormat: 'channelsFirst', poolSize: 2, strides: 1, padding: 'same', name: 'avgpool' }),
    L.globalMaxPooling2d({ dataFormat: 'channelsFirst', name: 'gmp' }),
    L.dense({ units: 5, name: 'fc' }),
  ]),

  // A functional graph: a shared input, branches and every merge layer.
  functional_merges: () => {
    const x = tf.input({ shape: [16, 16, 3], name: 'image' });
    const a = L.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'branch_a' }).apply(x);
    const b = L.conv2d({ filters: 8, kernelSize: 1, name: 'branch_b' }).apply(x);
    const c = L.separableConv2d({ filters: 8, kernelSize: 3, padding: 'same', name: 'branch_c' }).apply(x);
    const add = L.add({ name: 'add' }).apply([a, b]);
    const mul = L.multiply({ name: 'multiply' }).apply([add, c]);
    const avg = L.average({ name: 'average' }).apply([a, b, c]);
    const max = L.maximum({ name: 'maximum' }).apply([mul, avg]);
    const cat = L.concatenate({ name: 'concat' }).apply([max, a, x]);
    const bn = L.batchNormalization({ name: 'bn' }).apply(cat);
    const pooled = L.globalAveragePooling2d({ name: 'gap' }).apply(bn);
    const gmax = L.globalMaxPooling2d({ name: 'gmp' }).apply(bn);
    const both = L.concatenate({ name: 'concat_vec', axis: -1 }).apply([pooled, gmax]);
    const out = L.dense({ units: 3, activation: 'softmax', name: 'head' }).apply(both);
    return tf.model({ inputs: x, outputs: out, name: 'functional_merges' });
  },

  // A Sequential model used as a layer, called on two inputs (a siamese encoder): one row, its weights once.
  functional_nested: () => {
    const encoder = seq('encoder', [
      L.conv2d({ inputShape: [12, 12, 3], filters: 4, kernelSize: 3, activation: 'relu', name: 'enc_conv' }),
      L.batchNormalization({ name: 'enc_bn' }),
      L.globalAveragePooling2d({ name: 'enc_gap' }),
    ]);
    const a = tf.input({ shape: [12, 12, 3], name: 'a' });
    const b = tf.input({ shape: [12, 12, 3], name: 'b' });
    const both = L.concatenate({ name: 'both' }).apply([encoder.apply(a), encoder.apply(b)]);
    const out = L.dense({ units: 1, name: 'out' }).apply(both);
    return tf.model({ inputs: [a, b], outputs: out, name: 'functional_nested' });
  },

  // Two inputs, two outputs, a layer applied to both inputs (shared weights).
  functional_two_inputs: () => {
    const left = tf.input({ shape: [20], name: 'left' });
    const right = tf.input({ shape: [20], name: 'right' });
    const shared = L.dense({ units: 16, activation: 'relu', name: 'shared_dense' });
    const l = shared.apply(left);
    const r = shared.apply(right);
    const cat = L.concatenate({ name: 'cat' }).apply([l, r]);
    const d = L.dropout({ rate: 0.1, name: 'drop' }).apply(cat);
    const o1 = L.dense({ units: 1, activation: 'sigmoid', name: 'score' }).apply(d);
    const o2 = L.dense({ units: 4, name: 'logits' }).apply(d);
    const sm = L.softmax({ name: 'probs' }).apply(o2);
    return tf.model({ inputs: [left, right], outputs: [o1, sm], name: 'functional_two_inputs' });
  },
};

function layers3d() {
  return seq('layers_3d', [
    L.conv3d({ inputShape: [16, 16, 16, 2], filters: 4, kernelSize: 3, padding: 'same', name: 'conv3d' }),
    L.maxPooling3d({ poolSize: 2, name: 'maxpool3d' }),
    L.conv3d({ filters: 8, kernelSize: [3, 3, 1], strides: [2, 1, 1], useBias: false, name: 'conv3d_b' }),
    L.batchNormalization({ name: 'bn3d', center: false }),
    L.averagePooling3d({ poolSize: [1, 2, 2], name: 'avgpool3d' }),
    L.flatten({ name: 'flatten' }),
    L.dense({ units: 3, name: 'fc' }),
  ]);
}

const tfjsFormat = new Set(['seed', 'functional_merges']);

function count(ws) {
  return ws.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
}

function expected(name, m) {
  return {
    model: name,
    generated_by: `@tensorflow/tfjs ${tf.version.tfjs}`,
    params: m.countParams(),
    trainable_params: count(m.trainableWeights),
    layers: m.layers.map(l => ({
      name: l.name,
      class_name: l.getClassName(),
      output_shape: l.outputShape,
      params: l.countParams(),
      trainable_params: count(l.trainableWeights),
    })),
  };
}

function write(file, obj) {
  fs.writeFileSync(path.join(outDir, file), JSON.stringify(obj, null, 1) + '\n');
}

async function main() {
  for (const [name, build] of Object.entries(models)) {
    await one(name, build());
  }
}

// tfjs 4.22's SeparableConv getConfig omits depth_multiplier, which Keras writes: put it back so the
// JSON describes the model that was built (and counted).
function keras(m) {
  const json = m.toJSON(null, false);
  const byName = new Map(m.layers.map(l => [l.name, l]));
  for (const l of json.config.layers) {
    const layer = byName.get(l.config.name);
    if (layer && layer.getClassName().startsWith('SeparableConv')) l.config.depth_multiplier = layer.depthMultiplier;
  }
  return json;
}

async function one(name, m) {
  write(`${name}.json`, keras(m));
  write(`${name}.expected.json`, expected(name, m));
  if (tfjsFormat.has(name)) {
    await m.save(tf.io.withSaveHandler(async artifacts => {
      const { modelTopology, format, generatedBy, convertedBy } = artifacts;
      const manifest = [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }];
      write(`${name}.tfjs.json`, { modelTopology, format, generatedBy, convertedBy, weightsManifest: manifest });
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
  }
  console.log(`${name}: ${m.countParams()} parameters, ${m.layers.length} layers`);
}

main().catch(e => { console.error(e); process.exit(1); });
