#!/usr/bin/env python3
"""Regenerates tests/data/bad/hostile/: model files built to make two JSON parsers disagree, to
reach outside the model's folder, or to point at special files. Committed; run only to change
them: python3 tests/data/bad/make_hostile.py"""
import base64, json, os, re, struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")
os.makedirs(HERE, exist_ok=True)


def out(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def cube_doc(buffer_uri=None):
    pos = b"".join(struct.pack("<3f", *p) for p in [(0, 0, 0), (1, 0, 0), (0, 1, 0)])
    idx = struct.pack("<3H", 0, 1, 2) + b"\0\0"
    buf = pos + idx
    uri = buffer_uri or ("data:application/octet-stream;base64," + base64.b64encode(buf).decode())
    return {
        "asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}],
        "nodes": [{"name": "psoas_major_r", "mesh": 0}],
        "meshes": [{"name": "psoas_major_r", "primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
        "buffers": [{"byteLength": len(buf), "uri": uri}],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                        {"buffer": 0, "byteOffset": 36, "byteLength": 6}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                       "min": [0, 0, 0], "max": [1, 1, 0]},
                      {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"}],
    }


good = json.dumps(cube_doc())
data_uri = cube_doc()["buffers"][0]["uri"]
# Duplicate keys: one parser keeps the first "uri", another the last.
out("dup_uri_outside_first.gltf", good.replace('"uri": "data:', '"uri": "/etc/passwd", "uri": "data:'))
out("dup_uri_outside_last.gltf", good.replace('"uri": "data:', '"uri": "' + data_uri + '", "uri": "../../../../etc/passwd", "x": "data:'))
out("dup_buffers.gltf", good[:-1] + ', "buffers": [{"byteLength": 42, "uri": "/etc/passwd"}]}')
# Bytes that are not UTF-8 inside a string and inside a key.
out("bad_utf8_value.gltf", good.replace('"psoas_major_r"', '"psoas\xff\xfe"', 1).encode("latin-1"))
out("bad_utf8_key.gltf", good.replace('"asset"', '"as\xc3\x28set"', 1).encode("latin-1"))
# Extreme nesting in a place assimp walks recursively, and in extras.
out("deep_extras.gltf", good[:-1] + ', "extras": ' + "[" * 100000 + "]" * 100000 + "}")
out("deep_101.gltf", good[:-1] + ', "extras": ' + "[" * 101 + "]" * 101 + "}")
# Numbers one parser rejects and the other reads as infinity.
out("number_overflow.gltf", good.replace('"max": [1, 1, 0]', '"max": [1e999, 1, 0]'))
out("number_huge_int.gltf", good.replace('"count": 3, "type": "SCALAR"', '"count": 99999999999999999999999, "type": "SCALAR"'))
# A buffer that is not a regular file: the test creates the FIFO "fifo.bin" beside a copy.
out("fifo_buffer.gltf", json.dumps(cube_doc("fifo.bin")))
out("folder_buffer.gltf", json.dumps(cube_doc(".")))
# Comments and trailing commas: not JSON.
out("comment.gltf", "// made by hand\n" + good)
out("trailing_comma.gltf", good[:-1] + ",}")
# OBJ material libraries outside the folder.
tri = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"
out("mtllib_absolute.obj", "mtllib /etc/passwd\n" + tri)
out("mtllib_parent.obj", "mtllib ../../../../../etc/passwd\n" + tri)
out("mtllib_fifo.obj", "mtllib fifo.mtl\n" + tri)
# Skins: joint indices beyond the skin's joint count, and wrong accessor types.
def skinned(joint_index, joints_type="VEC4", weights_type="VEC4"):
    d = cube_doc()
    pos = b"".join(struct.pack("<3f", *p) for p in [(0, 0, 0), (1, 0, 0), (0, 1, 0)])
    idx = struct.pack("<3H", 0, 1, 2) + b"\0\0"
    joints = b"".join(struct.pack("<4B", joint_index, 0, 0, 0) for _ in range(3))
    weights = b"".join(struct.pack("<4f", 1, 0, 0, 0) for _ in range(3))
    ibm = struct.pack("<16f", 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)
    buf = pos + idx + joints + weights + ibm
    d["buffers"] = [{"byteLength": len(buf), "uri": "data:application/octet-stream;base64," + base64.b64encode(buf).decode()}]
    d["bufferViews"] += [{"buffer": 0, "byteOffset": 44, "byteLength": 12},
                         {"buffer": 0, "byteOffset": 56, "byteLength": 48},
                         {"buffer": 0, "byteOffset": 104, "byteLength": 64}]
    d["accessors"] += [{"bufferView": 2, "componentType": 5121, "count": 3, "type": joints_type},
                       {"bufferView": 3, "componentType": 5126, "count": 3, "type": weights_type},
                       {"bufferView": 4, "componentType": 5126, "count": 1, "type": "MAT4"}]
    d["meshes"][0]["primitives"][0]["attributes"].update({"JOINTS_0": 2, "WEIGHTS_0": 3})
    d["nodes"] = [{"name": "psoas_major_r", "mesh": 0, "skin": 0}, {"name": "pelvis"}]
    d["scenes"] = [{"nodes": [0, 1]}]
    d["skins"] = [{"joints": [1], "inverseBindMatrices": 4}]
    return json.dumps(d)
out("skin_joint_beyond_count.gltf", skinned(200))
out("skin_joints_scalar.gltf", skinned(0, joints_type="SCALAR"))
out("skin_weights_vec2.gltf", skinned(0, weights_type="VEC2"))
out("skin_ok.gltf", skinned(0))
# Lessons: a wrong schema, a newer version, unknown keys, duplicate keys, deep nesting.
step = {"title": "Front view", "text": "The psoas from the front.", "camera": {"view": "anterior"}}
def lesson(**top):
    d = {"schema": "psoas-atlas-lesson", "version": 1, "title": "Hostile", "steps": [step]}
    d.update(top)
    return json.dumps(d, indent=1)
out("lesson_wrong_schema.json", lesson(schema="some-other-app"))
out("lesson_new_version.json", lesson(version=99))
out("lesson_unknown_key.json", lesson(autoplay=True))
out("lesson_dup_key.json", lesson().replace('"title": "Hostile"', '"title": "Hostile", "title": "Other"'))
out("lesson_deep.json", lesson().replace('"title": "Front view"', '"title": "Front view", "x": ' + "[" * 5000 + "]" * 5000))
out("lesson_ok.json", lesson())
# Amplification: small files that would make the viewer expand or draw millions of triangles.
def amp_instances():
    d = cube_doc()
    pos = b"".join(struct.pack("<3f", *p) for p in [(0, 0, 0), (1, 0, 0), (0, 1, 0)])
    idx = struct.pack("<3H", 0, 1, 2) * 300  # 300 coincident triangles
    buf = pos + idx
    d["buffers"] = [{"byteLength": len(buf), "uri": "data:application/octet-stream;base64," + base64.b64encode(buf).decode()}]
    d["bufferViews"] = [{"buffer": 0, "byteOffset": 0, "byteLength": 36}, {"buffer": 0, "byteOffset": 36, "byteLength": 1800}]
    d["accessors"][1]["count"] = 900
    d["nodes"] = [{"mesh": 0}] * 10000
    d["scenes"] = [{"nodes": list(range(10000))}]
    return json.dumps(d, separators=(",", ":"))
out("amp_instances.gltf", amp_instances())
def amp_shared():
    d = cube_doc()
    n = 3000
    pos = b"".join(struct.pack("<3f", i * 1e-4, (i % 7) * 1e-3, 0) for i in range(n))
    idx = b"".join(struct.pack("<H", i % n) for i in range(3 * n))
    buf = pos + idx
    d["buffers"] = [{"byteLength": len(buf), "uri": "data:application/octet-stream;base64," + base64.b64encode(buf).decode()}]
    d["bufferViews"] = [{"buffer": 0, "byteOffset": 0, "byteLength": 12 * n}, {"buffer": 0, "byteOffset": 12 * n, "byteLength": 6 * n}]
    d["accessors"][0].update({"count": n, "max": [1, 1, 0]})
    d["accessors"][1]["count"] = 3 * n
    d["meshes"][0]["primitives"] = [{"attributes": {"POSITION": 0}, "indices": 1}] * 400
    return json.dumps(d, separators=(",", ":"))
out("amp_shared_accessor.gltf", amp_shared())
# Our own JSON files beside a model (catalog.json, with rig.json and coordinates.json beside
# it) and under --assets (poses/): a field of the wrong type, deep nesting, an overflowing
# number. Each folder holds the tiny model, the shipped files, and one file made hostile.
ASSETS = os.path.join(os.path.dirname(HERE), "..", "..", "..", "assets")
def shipped(name):
    with open(os.path.join(ASSETS, name), encoding="utf-8") as f:
        return json.load(f)
def data_folder(folder, **files):
    path = os.path.join(HERE, folder)
    os.makedirs(os.path.join(path, "poses"), exist_ok=True)
    docs = {"catalog.json": shipped("models/catalog.json"), "rig.json": shipped("models/rig.json"),
            "coordinates.json": shipped("models/coordinates.json")}
    poses = {"neutral.json": shipped("poses/neutral.json")}
    for name, edit in files.items():
        name = name.replace("_json", ".json")
        if name.startswith("pose_"):
            poses[name[5:]] = edit(json.loads(json.dumps(poses["neutral.json"])))
        else:
            docs[name] = edit(docs[name])
    for name, doc in docs.items():
        out(os.path.join(folder, name), doc if isinstance(doc, str) else json.dumps(doc, indent=1))
    for name, doc in poses.items():
        out(os.path.join(folder, "poses", name), doc if isinstance(doc, str) else json.dumps(doc, indent=1))
    out(os.path.join(folder, "model.gltf"), good)
def setting(path, value):
    def edit(doc):
        at = doc
        for key in path[:-1]:
            at = at[key]
        at[path[-1]] = value
        return doc
    return edit
data_folder("data_catalog_visible_text", catalog_json=setting(["structures", 0, "visible"], "yes"))
data_folder("data_catalog_content_number", catalog_json=setting(["structures", 1, "content"], [7]))
data_folder("data_catalog_group_name_object", catalog_json=setting(["groups", 0, "name"], {"en": "Bones"}))
data_folder("data_catalog_deep", catalog_json=lambda d: json.dumps(d)[:-1] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}")
data_folder("data_rig_position_text", rig_json=setting(["joints", 0, "position", 1], "0.1"))
data_folder("data_rig_paths_number", rig_json=setting(["muscles", 0, "paths", 0], 5))
data_folder("data_rig_parent_number", rig_json=setting(["joints", 1, "parent"], 3))
data_folder("data_coordinates_min_text", coordinates_json=setting(["coordinates", 0, "min"], "-20"))
data_folder("data_coordinates_shares_array", coordinates_json=setting(["lumbar_shares"], [1, 2, 3]))
data_folder("data_coordinates_overflow", coordinates_json=lambda d: re.sub(r'"max": -?[0-9.]+', '"max": 1e999', json.dumps(d), count=1))
data_folder("data_pose_value_text", pose_bad_json=setting(["coordinates"], {"pelvis_tilt": "10"}))
data_folder("data_pose_mode_array", pose_bad_json=setting(["mode"], ["free"]))
# The same under --assets (models/catalog.json of an assets folder), for --list-structures.
os.makedirs(os.path.join(HERE, "assets_catalog_visible_text", "models"), exist_ok=True)
out(os.path.join("assets_catalog_visible_text", "models", "catalog.json"),
    json.dumps(setting(["structures", 0, "visible"], "yes")(shipped("models/catalog.json")), indent=1))
