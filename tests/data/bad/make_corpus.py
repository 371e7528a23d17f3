#!/usr/bin/env python3
"""Regenerates the bad-input corpus in tests/data/bad/ (model and content files).
The files are committed; run this only to change them: python3 tests/data/bad/make_corpus.py"""
import base64, json, os, random, struct

HERE = os.path.dirname(os.path.abspath(__file__))
IO = os.path.join(HERE, "..", "io")


def out(rel, data, mode="wb"):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(data)


def gltf(positions, indices, extra_accessor=None, drop=()):
    pos = b"".join(struct.pack("<3f", *p) for p in positions)
    idx = b"".join(struct.pack("<H", i) for i in indices)
    while len(idx) % 4:
        idx += b"\0"
    buf = pos + idx
    doc = {
        "asset": {"version": "2.0", "generator": "psoas-atlas bad-input corpus"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"name": "psoas_major_r", "mesh": 0}],
        "meshes": [{"name": "psoas_major_r", "primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
        "buffers": [{"byteLength": len(buf),
                     "uri": "data:application/octet-stream;base64," + base64.b64encode(buf).decode()}],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": len(pos)},
                        {"buffer": 0, "byteOffset": len(pos), "byteLength": len(indices) * 2}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "count": len(positions), "type": "VEC3"},
                      {"bufferView": 1, "componentType": 5123, "count": len(indices), "type": "SCALAR"}],
    }
    if extra_accessor:
        doc["accessors"][extra_accessor[0]].update(extra_accessor[1])
    for key in drop:
        doc.pop(key, None)
    return json.dumps(doc, indent=1)


tri = [(0, 0, 0), (0.1, 0, 0), (0, 0.1, 0)]
nan = float("nan")
cube = open(os.path.join(IO, "cube.glb"), "rb").read()
random.seed(7)

# --- models -----------------------------------------------------------------------------
out("model/empty.glb", b"")
out("model/header_only.glb", cube[:12])
out("model/truncated_json.glb", cube[:40])
out("model/truncated_bin.glb", cube[: len(cube) - 60])
out("model/garbage.glb", bytes(random.randrange(256) for _ in range(4096)))
out("model/text_as.glb", b"this is a shopping list, not a model\n")
hdr = bytearray(cube)
struct.pack_into("<I", hdr, 8, 10**9)  # total length far beyond the file
out("model/lying_length.glb", bytes(hdr))
hdr = bytearray(cube)
struct.pack_into("<I", hdr, 12, 0xF6FF020C)  # JSON chunk "4 GB long" (assimp allocated it)
out("model/lying_chunk.glb", bytes(hdr))
out("model/not_json.gltf", "{ \"asset\": { \"version\": \"2.0\" ", "w")
out("model/no_meshes.gltf", json.dumps({"asset": {"version": "2.0"}, "scene": 0,
                                       "scenes": [{"nodes": [0]}], "nodes": [{"name": "l3"}]}), "w")
out("model/missing_buffers.gltf", gltf(tri, [0, 1, 2], drop=("buffers", "bufferViews")), "w")
out("model/nan_vertex.gltf", gltf([(0, 0, 0), (nan, 0, 0), (0, 0.1, 0)], [0, 1, 2]).replace("NaN", "0"), "w")
out("model/huge_vertex.gltf", gltf([(0, 0, 0), (3e38, 0, 0), (0, 0.1, 0)], [0, 1, 2]), "w")
out("model/index_out_of_range.gltf", gltf(tri, [0, 1, 999]), "w")
out("model/accessor_past_buffer.gltf", gltf(tri, [0, 1, 2], extra_accessor=(0, {"count": 100000})), "w")
out("model/bad_buffer_index.gltf", gltf(tri, [0, 1, 2], extra_accessor=(0, {"bufferView": 42})), "w")
out("model/nan_vertex.obj", "v 0 0 0\nv nan 0 0\nv 0 1 0\nf 1 2 3\n", "w")
out("model/index_out_of_range.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 40\n", "w")
# Formats the loader refuses: a PLY whose header promises two billion vertices (assimp would
# try to allocate them), an FBX and an STL by extension only.
out("model/lying_count.ply", "ply\nformat binary_little_endian 1.0\nelement vertex 2000000000\n"
    "property float x\nproperty float y\nproperty float z\nend_header\n", "w")
# The same PLY header in files named as allowed formats: assimp sniffed the content and handed
# it to its PLY reader (2.3 GB and 42 s for ply_as.glb) until the loader kept only the readers
# of the file's extension. Found by fuzz_model_loader (an irrmesh file named .glb).
for ext in ("glb", "gltf", "obj"):
    out("model/ply_as." + ext, "ply\nformat binary_little_endian 1.0\nelement vertex 200000000\n"
        "property float x\nproperty float y\nproperty float z\nend_header\n", "w")
out("model/not_allowed.fbx", b"Kaydara FBX Binary  \0\x1a\0" + bytes(64))
out("model/not_allowed.stl", "solid x\nendsolid x\n", "w")


def with_buffer_uri(uri):
    doc = json.loads(gltf(tri, [0, 1, 2]))
    doc["buffers"][0]["uri"] = uri
    return json.dumps(doc, indent=1)


# glTF files whose buffer or image points outside the model's folder.
out("model/buffer_parent.gltf", with_buffer_uri("../../../../etc/passwd"), "w")
out("model/buffer_absolute.gltf", with_buffer_uri("/etc/passwd"), "w")
out("model/buffer_file_url.gltf", with_buffer_uri("file:///etc/passwd"), "w")
doc = json.loads(gltf(tri, [0, 1, 2]))
doc["images"] = [{"uri": "/home/someone/.ssh/id_rsa.png"}]
out("model/image_absolute.gltf", json.dumps(doc, indent=1), "w")
# Node trees assimp would walk recursively: too deep, and a cycle.
doc = json.loads(gltf(tri, [0, 1, 2]))
doc["nodes"] = [{"name": "n%d" % i, "children": [i + 1]} for i in range(5000)] + [{"name": "leaf", "mesh": 0}]
out("model/deep_nodes.gltf", json.dumps(doc), "w")
doc = json.loads(gltf(tri, [0, 1, 2]))
doc["nodes"] = [{"name": "a", "mesh": 0, "children": [1]}, {"name": "b", "children": [0]}]
out("model/node_cycle.gltf", json.dumps(doc, indent=1), "w")

# --- content files (one item each; the parser checks them one by one) ---------------------
ok_header = "---\nid: {id}\ntype: article\ntitle: A title\nstructures: [psoas_major_r]\nsources: [gray]\nsummary: One line.\n---\n"
def item(name, text):
    out("content/" + name + ".md", text.replace("{id}", name), "w")

item("no_header", "# Psoas\n\nBody without a header.\n")
item("unclosed_header", "---\nid: {id}\ntype: article\ntitle: Never closed\n\nBody.\n")
item("unknown_key", "---\nid: {id}\ntype: article\ncolour: red\ntitle: x\n---\nBody.\n")
item("bad_type", ok_header.replace("type: article", "type: poem") + "Body.\n")
item("id_mismatch", ok_header.replace("{id}", "someone_else") + "Body.\n")
item("bad_list", ok_header.replace("[psoas_major_r]", "psoas_major_r") + "Body.\n")
item("unknown_structure", ok_header.replace("psoas_major_r", "psoas_maximus") + "Body.\n")
item("enormous_line", ok_header + "x" * 200000 + "\n")
item("nul_byte", ok_header + "Body with a \0 byte.\n")
out("content/invalid_utf8.md", (ok_header.replace("{id}", "invalid_utf8") + "Caf\xe9\n").encode("utf-8")[:-3] + b"\xe9\xff\n")
out("content/huge_file.md", (ok_header.replace("{id}", "huge_file") + ("words " * 100 + "\n") * 1800).encode())
print("written under", HERE)
