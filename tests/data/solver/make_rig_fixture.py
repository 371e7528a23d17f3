#!/usr/bin/env python3
"""Writes rig_fixture.json: a rig in the rig.json schema built from the OpenSim gait2392
points of the data sheet (section 0), converted to the model frame (metres, +X left, +Y up,
+Z anterior, origin between the hip centres), plus a lordotic lumbar column. Right side from
the data sheet, left side mirrored. Used by the solver tests so that they do not depend on
the model builder."""
import json, os

HJC_R_PELVIS = (-70.7, -66.1, 83.5)  # gait2392, mm, x ant, y sup, z right

def pelvis_pt(x, y, z, side='r'):
    p = [-z / 1000.0, (y + 66.1) / 1000.0, (x + 70.7) / 1000.0]
    if side == 'l': p[0] = -p[0]
    return [round(v, 5) for v in p]

def femur_pt(x, y, z, side='r'):
    hip = pelvis_pt(*HJC_R_PELVIS, side)
    sx = -1.0 if side == 'r' else 1.0
    return [round(hip[0] + sx * z / 1000.0, 5), round(hip[1] + y / 1000.0, 5), round(hip[2] + x / 1000.0, 5)]

joints = [
    {"name": "pelvis", "parent": None, "position": [0, 0, 0]},
    {"name": "j_l5_s1", "parent": "pelvis", "position": [0, 0.1476, -0.030]},
    {"name": "j_l4_l5", "parent": "j_l5_s1", "position": [0, 0.1830, -0.022]},
    {"name": "j_l3_l4", "parent": "j_l4_l5", "position": [0, 0.2190, -0.019]},
    {"name": "j_l2_l3", "parent": "j_l3_l4", "position": [0, 0.2550, -0.021]},
    {"name": "j_l1_l2", "parent": "j_l2_l3", "position": [0, 0.2900, -0.027]},
    {"name": "j_t12_l1", "parent": "j_l1_l2", "position": [0, 0.3240, -0.036]},
    {"name": "j_hip_l", "parent": "pelvis", "position": pelvis_pt(*HJC_R_PELVIS, 'l')},
    {"name": "j_hip_r", "parent": "pelvis", "position": pelvis_pt(*HJC_R_PELVIS, 'r')},
]
jp = {j["name"]: j["position"] for j in joints}
bodies = [{"name": n, "joint": j} for n, j in [
    ("sacrum", "pelvis"), ("hip_bone_l", "pelvis"), ("hip_bone_r", "pelvis"), ("l5", "j_l5_s1"), ("l4", "j_l4_l5"),
    ("l3", "j_l3_l4"), ("l2", "j_l2_l3"), ("l1", "j_l1_l2"), ("t12", "j_t12_l1"), ("rib_12_l", "j_t12_l1"),
    ("rib_12_r", "j_t12_l1"), ("femur_l", "j_hip_l"), ("femur_r", "j_hip_r")]]
level_joint = {"l5": "j_l5_s1", "l4": "j_l4_l5", "l3": "j_l3_l4", "l2": "j_l2_l3", "l1": "j_l1_l2", "t12": "j_t12_l1"}

landmarks = [
    {"name": "lm_s1_endplate", "body": "sacrum", "position": [0, 0.1410, -0.0280]},
    {"name": "lm_sacral_promontory", "body": "sacrum", "position": [0, 0.1314, -0.0165]},
]
wraps, muscles = [], []
for side in ("r", "l"):
    sx = -1.0 if side == 'r' else 1.0  # lateral direction in X
    hip = jp["j_hip_" + side]
    landmarks += [
        {"name": "lm_hip_center_" + side, "body": "hip_bone_" + side, "position": hip},
        {"name": "lm_asis_" + side, "body": "hip_bone_" + side, "position": pelvis_pt(-15.3, -1.3, 124.2, side)},
        {"name": "lm_lesser_trochanter_" + side, "body": "femur_" + side, "position": femur_pt(-23.5, -52.4, 8.8, side)},
        {"name": "lm_iliopubic_eminence_" + side, "body": "hip_bone_" + side, "position": pelvis_pt(-20.5, -65.4, 65.6, side)},
    ]
    # Psoas pulley over the brim and the front of the femoral head: a cylinder along the hip
    # axis, centred like gait2392's PS_at_brim ellipsoid, that the path must pass in front of.
    wraps.append({"name": "brim_" + side, "body": "hip_bone_" + side, "type": "cylinder",
                  "center": [round(hip[0] - sx * 0.018, 5), round(hip[1] + 0.0007, 5), round(hip[2] - 0.0091, 5)],
                  "axis": [1, 0, 0], "radius": 0.036, "side": [0, 0.3, 1]})
    wraps.append({"name": "iliacus_brim_" + side, "body": "hip_bone_" + side, "type": "ellipsoid",
                  "center": [round(hip[0] - sx * 0.008, 5), round(hip[1] + 0.0104, 5), round(hip[2] + 0.0022, 5)],
                  "radii": [0.05, 0.052, 0.044], "side": [0, 0, 1]})
    insertion = {"body": "femur_" + side, "position": femur_pt(-23.5, -52.4, 8.8, side)}
    paths = []
    for lvl in ("t12", "l1", "l2", "l3", "l4"):  # bodies and the disc below
        j = jp[level_joint[lvl]]
        below = jp[level_joint[lvl]]
        origin = [round(sx * 0.022, 5), round(below[1] + 0.004, 5), round(j[2] + 0.008, 5)]
        paths.append({"name": lvl, "points": [{"body": lvl, "position": origin}, insertion], "wraps": ["brim_" + side]})
    for lvl in ("l1", "l2", "l3", "l4", "l5"):  # transverse processes
        j = jp[level_joint[lvl]]
        origin = [round(sx * 0.034, 5), round(j[1] + 0.014, 5), round(j[2] - 0.012, 5)]
        paths.append({"name": "tp_" + lvl, "points": [{"body": lvl, "position": origin}, insertion], "wraps": ["brim_" + side]})
    muscles.append({"id": "psoas_major_" + side, "paths": paths, "tendon_fraction": 0.35})
    muscles.append({"id": "iliacus_" + side, "tendon_fraction": 0.25, "paths": [{"name": "main", "points": [
        {"body": "hip_bone_" + side, "position": pelvis_pt(-60.5, 30.9, 84.3, side)},
        {"body": "femur_" + side, "position": femur_pt(-12.2, -63.7, 19.6, side)}], "wraps": ["iliacus_brim_" + side]}]})
    muscles.append({"id": "psoas_minor_" + side, "tendon_fraction": 0.6, "paths": [{"name": "main", "points": [
        {"body": "t12", "position": [round(sx * 0.018, 5), 0.326, -0.022]},
        {"body": "hip_bone_" + side, "position": pelvis_pt(-20.5, -60.0, 62.0, side)}], "wraps": []}]})
    muscles.append({"id": "rectus_femoris_" + side, "tendon_fraction": 0.5, "paths": [{"name": "main", "points": [
        {"body": "hip_bone_" + side, "position": pelvis_pt(-29.5, -31.1, 96.8, side)},
        {"body": "femur_" + side, "position": femur_pt(35.0, -390.0, 0.0, side)}], "wraps": []}]})
    muscles.append({"id": "gluteus_maximus_" + side, "tendon_fraction": 0.15, "paths": [{"name": "main", "points": [
        {"body": "hip_bone_" + side, "position": pelvis_pt(-131.7, 8.7, 46.2, side)},
        {"body": "femur_" + side, "position": femur_pt(-15.6, -101.6, 41.9, side)}], "wraps": []}]})
    muscles.append({"id": "quadratus_lumborum_" + side, "tendon_fraction": 0.0, "paths": [{"name": "main", "points": [
        {"body": "hip_bone_" + side, "position": [round(sx * 0.06, 5), 0.16, -0.06]},
        {"body": "rib_12_" + side, "position": [round(sx * 0.07, 5), 0.345, -0.07]}], "wraps": []}]})

discs = [{"id": d, "lower": lo, "upper": up} for d, lo, up in [
    ("disc_t12_l1", "l1", "t12"), ("disc_l1_l2", "l2", "l1"), ("disc_l2_l3", "l3", "l2"),
    ("disc_l3_l4", "l4", "l3"), ("disc_l4_l5", "l5", "l4"), ("disc_l5_s1", "sacrum", "l5")]]
rig = {"frame": "model frame: metres, +Y up, +Z anterior, +X patient's left, origin between the hip centres",
       "units": "m", "joints": joints, "bodies": bodies, "landmarks": landmarks, "wraps": wraps,
       "muscles": muscles, "discs": discs}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rig_fixture.json")
with open(out, "w") as f:
    json.dump(rig, f, indent=1)
print("wrote", out)
