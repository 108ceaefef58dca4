"""Realistic demo data, generated in memory and written in bulk.

`demo_seed(events=N, seed=S)` creates, in proportion to N: schools (valid UAI), companies
(valid SIRET, manufacturing NAF codes), users with their roles, events over every edition that
has dates, their sessions, themes, audiences and action types, class registrations and the
status histories of events and registrations. The same seed gives the same data.

Rows are generated in memory as plain dicts and written in bulk (COPY on PostgreSQL,
`bulk_create` elsewhere, see `RowWriter`), which skips `full_clean()` and `save()`: every
model constraint is therefore respected by construction
(organizer consistency, sessions inside the edition's accepted window in the académie's local
time, confirmed students within capacity, girls within students, one active registration per
class and session, UAI check letter and département, SIRET Luhn keys).
"""

import datetime
import gc
import io
import random
import sys
from bisect import bisect_left
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from itertools import accumulate

from django.contrib.auth.hashers import make_password
from django.db import DatabaseError, connection, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from faker import Faker
from stdnum import luhn
from tqdm import tqdm

from academies.models import (
    Academy,
    AcademyStaff,
    Company,
    CompanyMembership,
    Department,
    Partnership,
    School,
    SchoolMembership,
)
from academies.validators import UAI_LETTERS
from semaine.users.models import User

from .cache import public_cache_invalidate
from .models import (
    ActionType,
    Audience,
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    RegistrationStatusChange,
    Session,
    Theme,
)
from .rules.editions import edition_current

DEMO_PASSWORD = "semaine-demo"
DEMO_EMAIL_DOMAIN = "semaine.test"
DEMO_ADMIN_EMAIL = "admin@semaine.test"
DEMO_ACADEMY_STAFF_EMAIL = "academie.grenoble@semaine.test"
DEMO_ORGANIZER_EMAIL = "organisateur@semaine.test"
DEMO_TEACHER_EMAIL = "enseignant@semaine.test"
DEMO_ACADEMY_CODE = "08"  # Grenoble
DEMO_DEPARTMENT_CODE = "38"  # Isère, in the académie de Grenoble

# The four accounts that can sign in (password DEMO_PASSWORD); every other one cannot.
DEMO_ACCOUNTS = [
    (DEMO_ADMIN_EMAIL, _("superutilisateur, équipe nationale")),
    (DEMO_ACADEMY_STAFF_EMAIL, _("services académiques de Grenoble")),
    (DEMO_ORGANIZER_EMAIL, _("organisateur d'une entreprise de l'Isère")),
    (DEMO_TEACHER_EMAIL, _("enseignant d'un collège de l'Isère")),
]

BATCH_SIZE = 5000

Status = Event.Status
RegStatus = ClassRegistration.Status
Level = ClassRegistration.Level

# --------------------------------------------------------------------------------------------
# Territory: approximate population (thousands), centroid, and a few real communes
# (name, postcode, latitude, longitude) per département. Places are jittered around a commune.
# --------------------------------------------------------------------------------------------

# fmt: off
DEPARTMENT_PLACES: dict[str, tuple[int, tuple[float, float], tuple]] = {
    "01": (660, (46.1, 5.35), (("Bourg-en-Bresse", "01000", 46.205, 5.225), ("Oyonnax", "01100", 46.256, 5.655), ("Ambérieu-en-Bugey", "01500", 45.958, 5.357),)),  # noqa: E501
    "02": (530, (49.55, 3.55), (("Laon", "02000", 49.564, 3.62), ("Saint-Quentin", "02100", 49.847, 3.287), ("Soissons", "02200", 49.381, 3.323),)),  # noqa: E501
    "03": (335, (46.4, 3.2), (("Moulins", "03000", 46.566, 3.333), ("Montluçon", "03100", 46.34, 2.603), ("Vichy", "03200", 46.127, 3.426),)),  # noqa: E501
    "04": (165, (44.1, 6.25), (("Digne-les-Bains", "04000", 44.092, 6.236), ("Manosque", "04100", 43.828, 5.786), ("Sisteron", "04200", 44.195, 5.944),)),  # noqa: E501
    "05": (140, (44.65, 6.25), (("Gap", "05000", 44.559, 6.079), ("Briançon", "05100", 44.899, 6.643), ("Embrun", "05200", 44.564, 6.495),)),  # noqa: E501
    "06": (1090, (43.95, 7.15), (("Nice", "06000", 43.703, 7.266), ("Cannes", "06400", 43.552, 7.017), ("Grasse", "06130", 43.658, 6.924), ("Carros", "06510", 43.789, 7.186),)),  # noqa: E501
    "07": (330, (44.75, 4.4), (("Privas", "07000", 44.735, 4.599), ("Annonay", "07100", 45.24, 4.671), ("Aubenas", "07200", 44.62, 4.39),)),  # noqa: E501
    "08": (270, (49.6, 4.65), (("Charleville-Mézières", "08000", 49.773, 4.72), ("Sedan", "08200", 49.702, 4.94), ("Rethel", "08300", 49.509, 4.367),)),  # noqa: E501
    "09": (155, (42.95, 1.5), (("Foix", "09000", 42.965, 1.607), ("Pamiers", "09100", 43.116, 1.611), ("Saint-Girons", "09200", 42.985, 1.147),)),  # noqa: E501
    "10": (310, (48.3, 4.15), (("Troyes", "10000", 48.297, 4.074), ("Romilly-sur-Seine", "10100", 48.516, 3.727), ("Bar-sur-Aube", "10200", 48.233, 4.706),)),  # noqa: E501
    "11": (375, (43.1, 2.4), (("Carcassonne", "11000", 43.213, 2.349), ("Narbonne", "11100", 43.184, 3.004), ("Castelnaudary", "11400", 43.318, 1.954),)),  # noqa: E501
    "12": (280, (44.3, 2.65), (("Rodez", "12000", 44.35, 2.575), ("Millau", "12100", 44.098, 3.078), ("Villefranche-de-Rouergue", "12200", 44.351, 2.035), ("Decazeville", "12300", 44.56, 2.251),)),  # noqa: E501
    "13": (2040, (43.5, 5.1), (("Marseille", "13010", 43.277, 5.417), ("Aix-en-Provence", "13100", 43.529, 5.447), ("Martigues", "13500", 43.405, 5.048), ("Fos-sur-Mer", "13270", 43.438, 4.945), ("Istres", "13800", 43.513, 4.987),)),  # noqa: E501
    "14": (695, (49.1, -0.35), (("Caen", "14000", 49.183, -0.37), ("Lisieux", "14100", 49.146, 0.226), ("Bayeux", "14400", 49.276, -0.703), ("Vire", "14500", 48.838, -0.889),)),  # noqa: E501
    "15": (145, (45.05, 2.65), (("Aurillac", "15000", 44.926, 2.44), ("Saint-Flour", "15100", 45.034, 3.093), ("Mauriac", "15200", 45.219, 2.333),)),  # noqa: E501
    "16": (350, (45.7, 0.2), (("Angoulême", "16000", 45.648, 0.156), ("Cognac", "16100", 45.696, -0.329), ("Ruffec", "16700", 46.029, 0.198),)),  # noqa: E501
    "17": (655, (45.75, -0.75), (("La Rochelle", "17000", 46.16, -1.151), ("Rochefort", "17300", 45.942, -0.959), ("Saintes", "17100", 45.745, -0.633),)),  # noqa: E501
    "18": (300, (47.05, 2.5), (("Bourges", "18000", 47.081, 2.399), ("Vierzon", "18100", 47.222, 2.068), ("Saint-Amand-Montrond", "18200", 46.723, 2.505),)),  # noqa: E501
    "19": (240, (45.35, 1.9), (("Tulle", "19000", 45.267, 1.77), ("Brive-la-Gaillarde", "19100", 45.159, 1.533), ("Ussel", "19200", 45.548, 2.31),)),  # noqa: E501
    "2A": (160, (41.85, 8.95), (("Ajaccio", "20000", 41.919, 8.738), ("Porto-Vecchio", "20137", 41.591, 9.279), ("Propriano", "20110", 41.676, 8.904),)),  # noqa: E501
    "2B": (180, (42.4, 9.2), (("Bastia", "20200", 42.697, 9.45), ("Corte", "20250", 42.306, 9.15), ("Calvi", "20260", 42.567, 8.757),)),  # noqa: E501
    "21": (535, (47.4, 4.75), (("Dijon", "21000", 47.322, 5.041), ("Beaune", "21200", 47.025, 4.84), ("Montbard", "21500", 47.623, 4.338),)),  # noqa: E501
    "22": (600, (48.4, -2.85), (("Saint-Brieuc", "22000", 48.514, -2.765), ("Lannion", "22300", 48.732, -3.459), ("Dinan", "22100", 48.455, -2.05), ("Loudéac", "22600", 48.178, -2.754),)),  # noqa: E501
    "23": (115, (46.1, 2.0), (("Guéret", "23000", 46.171, 1.871), ("Aubusson", "23200", 45.956, 2.168), ("La Souterraine", "23300", 46.238, 1.487),)),  # noqa: E501
    "24": (415, (45.1, 0.75), (("Périgueux", "24000", 45.184, 0.721), ("Bergerac", "24100", 44.853, 0.483), ("Sarlat-la-Canéda", "24200", 44.89, 1.216),)),  # noqa: E501
    "25": (545, (47.15, 6.35), (("Besançon", "25000", 47.238, 6.024), ("Montbéliard", "25200", 47.51, 6.798), ("Pontarlier", "25300", 46.904, 6.354), ("Sochaux", "25600", 47.507, 6.828),)),  # noqa: E501
    "26": (520, (44.7, 5.15), (("Valence", "26000", 44.933, 4.892), ("Montélimar", "26200", 44.558, 4.751), ("Romans-sur-Isère", "26100", 45.043, 5.052),)),  # noqa: E501
    "27": (600, (49.1, 1.0), (("Évreux", "27000", 49.027, 1.151), ("Vernon", "27200", 49.093, 1.485), ("Louviers", "27400", 49.216, 1.165), ("Val-de-Reuil", "27100", 49.274, 1.21),)),  # noqa: E501
    "28": (430, (48.4, 1.4), (("Chartres", "28000", 48.446, 1.489), ("Dreux", "28100", 48.737, 1.366), ("Châteaudun", "28200", 48.071, 1.338),)),  # noqa: E501
    "29": (915, (48.25, -4.05), (("Quimper", "29000", 47.996, -4.102), ("Brest", "29200", 48.39, -4.486), ("Morlaix", "29600", 48.578, -3.828), ("Landerneau", "29800", 48.451, -4.25),)),  # noqa: E501
    "30": (750, (44.0, 4.2), (("Nîmes", "30000", 43.837, 4.36), ("Alès", "30100", 44.125, 4.081), ("Bagnols-sur-Cèze", "30200", 44.162, 4.62),)),  # noqa: E501
    "31": (1420, (43.35, 1.2), (("Toulouse", "31000", 43.605, 1.444), ("Blagnac", "31700", 43.637, 1.39), ("Colomiers", "31770", 43.611, 1.335), ("Saint-Gaudens", "31800", 43.108, 0.723),)),  # noqa: E501
    "32": (190, (43.7, 0.45), (("Auch", "32000", 43.646, 0.586), ("Condom", "32100", 43.958, 0.373), ("L'Isle-Jourdain", "32600", 43.613, 1.081),)),  # noqa: E501
    "33": (1650, (44.85, -0.55), (("Bordeaux", "33000", 44.838, -0.579), ("Mérignac", "33700", 44.843, -0.646), ("Libourne", "33500", 44.915, -0.244), ("Le Haillan", "33185", 44.873, -0.677),)),  # noqa: E501
    "34": (1180, (43.6, 3.45), (("Montpellier", "34000", 43.611, 3.877), ("Béziers", "34500", 43.344, 3.216), ("Sète", "34200", 43.403, 3.693),)),  # noqa: E501
    "35": (1090, (48.15, -1.65), (("Rennes", "35000", 48.117, -1.678), ("Saint-Malo", "35400", 48.649, -2.026), ("Fougères", "35300", 48.352, -1.199), ("Vitré", "35500", 48.124, -1.209),)),  # noqa: E501
    "36": (215, (46.8, 1.6), (("Châteauroux", "36000", 46.811, 1.686), ("Issoudun", "36100", 46.948, 1.993), ("Le Blanc", "36300", 46.633, 1.063),)),  # noqa: E501
    "37": (610, (47.25, 0.7), (("Tours", "37000", 47.394, 0.684), ("Amboise", "37400", 47.412, 0.982), ("Chinon", "37500", 47.167, 0.242), ("Joué-lès-Tours", "37300", 47.352, 0.664),)),  # noqa: E501
    "38": (1280, (45.25, 5.55), (("Grenoble", "38000", 45.188, 5.724), ("Vienne", "38200", 45.525, 4.874), ("Voiron", "38500", 45.364, 5.589), ("Bourgoin-Jallieu", "38300", 45.586, 5.273),)),  # noqa: E501
    "39": (260, (46.75, 5.7), (("Lons-le-Saunier", "39000", 46.675, 5.555), ("Dole", "39100", 47.092, 5.49), ("Saint-Claude", "39200", 46.387, 5.864),)),  # noqa: E501
    "40": (420, (44.0, -0.75), (("Mont-de-Marsan", "40000", 43.89, -0.5), ("Dax", "40100", 43.71, -1.054), ("Tarnos", "40220", 43.54, -1.46),)),  # noqa: E501
    "41": (330, (47.6, 1.4), (("Blois", "41000", 47.586, 1.335), ("Vendôme", "41100", 47.793, 1.066), ("Romorantin-Lanthenay", "41200", 47.359, 1.742),)),  # noqa: E501
    "42": (765, (45.7, 4.15), (("Saint-Étienne", "42000", 45.44, 4.387), ("Roanne", "42300", 46.036, 4.068), ("Montbrison", "42600", 45.608, 4.065), ("Firminy", "42700", 45.388, 4.288),)),  # noqa: E501
    "43": (227, (45.1, 3.8), (("Le Puy-en-Velay", "43000", 45.043, 3.885), ("Yssingeaux", "43200", 45.143, 4.124), ("Brioude", "43100", 45.294, 3.384),)),  # noqa: E501
    "44": (1440, (47.35, -1.7), (("Nantes", "44000", 47.218, -1.554), ("Saint-Nazaire", "44600", 47.273, -2.214), ("Bouguenais", "44340", 47.178, -1.623), ("Châteaubriant", "44110", 47.717, -1.376),)),  # noqa: E501
    "45": (680, (47.9, 2.15), (("Orléans", "45000", 47.903, 1.909), ("Montargis", "45200", 47.997, 2.733), ("Gien", "45500", 47.687, 2.632), ("Pithiviers", "45300", 48.172, 2.252),)),  # noqa: E501
    "46": (175, (44.6, 1.6), (("Cahors", "46000", 44.448, 1.441), ("Figeac", "46100", 44.609, 2.032), ("Gourdon", "46300", 44.737, 1.383),)),  # noqa: E501
    "47": (330, (44.35, 0.45), (("Agen", "47000", 44.203, 0.616), ("Villeneuve-sur-Lot", "47300", 44.408, 0.705), ("Marmande", "47200", 44.5, 0.165),)),  # noqa: E501
    "48": (76, (44.5, 3.5), (("Mende", "48000", 44.518, 3.5), ("Marvejols", "48100", 44.554, 3.291), ("Langogne", "48300", 44.727, 3.855),)),  # noqa: E501
    "49": (820, (47.4, -0.55), (("Angers", "49000", 47.478, -0.563), ("Cholet", "49300", 47.06, -0.879), ("Saumur", "49400", 47.26, -0.077),)),  # noqa: E501
    "50": (495, (49.1, -1.3), (("Saint-Lô", "50000", 49.116, -1.091), ("Cherbourg-en-Cotentin", "50100", 49.634, -1.622), ("Granville", "50400", 48.838, -1.597), ("Avranches", "50300", 48.684, -1.357),)),  # noqa: E501
    "51": (565, (48.95, 4.2), (("Châlons-en-Champagne", "51000", 48.957, 4.363), ("Reims", "51100", 49.258, 4.032), ("Épernay", "51200", 49.04, 3.96), ("Vitry-le-François", "51300", 48.725, 4.585),)),  # noqa: E501
    "52": (170, (48.1, 5.2), (("Chaumont", "52000", 48.111, 5.139), ("Saint-Dizier", "52100", 48.638, 4.95), ("Langres", "52200", 47.862, 5.333),)),  # noqa: E501
    "53": (307, (48.15, -0.65), (("Laval", "53000", 48.073, -0.77), ("Mayenne", "53100", 48.303, -0.614), ("Château-Gontier", "53200", 47.829, -0.703),)),  # noqa: E501
    "54": (730, (48.8, 6.15), (("Nancy", "54000", 48.692, 6.184), ("Lunéville", "54300", 48.591, 6.496), ("Longwy", "54400", 49.52, 5.762), ("Pont-à-Mousson", "54700", 48.904, 6.055),)),  # noqa: E501
    "55": (183, (49.0, 5.4), (("Bar-le-Duc", "55000", 48.773, 5.16), ("Verdun", "55100", 49.16, 5.385), ("Commercy", "55200", 48.763, 5.592),)),  # noqa: E501
    "56": (760, (47.85, -2.8), (("Vannes", "56000", 47.658, -2.76), ("Lorient", "56100", 47.748, -3.37), ("Pontivy", "56300", 48.068, -2.963), ("Lanester", "56600", 47.762, -3.342),)),  # noqa: E501
    "57": (1045, (49.05, 6.65), (("Metz", "57000", 49.12, 6.176), ("Thionville", "57100", 49.358, 6.168), ("Forbach", "57600", 49.188, 6.896), ("Sarreguemines", "57200", 49.11, 7.068),)),  # noqa: E501
    "58": (200, (47.1, 3.5), (("Nevers", "58000", 46.99, 3.159), ("Cosne-Cours-sur-Loire", "58200", 47.411, 2.925), ("Decize", "58300", 46.828, 3.461),)),  # noqa: E501
    "59": (2610, (50.45, 3.2), (("Lille", "59000", 50.629, 3.057), ("Dunkerque", "59140", 51.034, 2.377), ("Valenciennes", "59300", 50.357, 3.523), ("Roubaix", "59100", 50.692, 3.178), ("Maubeuge", "59600", 50.278, 3.973), ("Douai", "59500", 50.371, 3.08),)),  # noqa: E501
    "60": (830, (49.4, 2.45), (("Beauvais", "60000", 49.43, 2.081), ("Compiègne", "60200", 49.418, 2.826), ("Creil", "60100", 49.26, 2.475),)),  # noqa: E501
    "61": (280, (48.6, 0.1), (("Alençon", "61000", 48.432, 0.091), ("Flers", "61100", 48.749, -0.57), ("Argentan", "61200", 48.744, -0.02), ("L'Aigle", "61300", 48.765, 0.628),)),  # noqa: E501
    "62": (1460, (50.5, 2.3), (("Arras", "62000", 50.291, 2.778), ("Calais", "62100", 50.951, 1.858), ("Boulogne-sur-Mer", "62200", 50.726, 1.614), ("Lens", "62300", 50.432, 2.833), ("Béthune", "62400", 50.53, 2.64),)),  # noqa: E501
    "63": (665, (45.7, 3.15), (("Clermont-Ferrand", "63000", 45.778, 3.087), ("Riom", "63200", 45.894, 3.113), ("Thiers", "63300", 45.856, 3.548), ("Issoire", "63500", 45.544, 3.249),)),  # noqa: E501
    "64": (690, (43.25, -0.75), (("Pau", "64000", 43.295, -0.371), ("Bayonne", "64100", 43.493, -1.475), ("Oloron-Sainte-Marie", "64400", 43.194, -0.607), ("Mourenx", "64150", 43.381, -0.626),)),  # noqa: E501
    "65": (230, (43.05, 0.15), (("Tarbes", "65000", 43.233, 0.078), ("Lourdes", "65100", 43.095, -0.046), ("Bagnères-de-Bigorre", "65200", 43.065, 0.15),)),  # noqa: E501
    "66": (480, (42.6, 2.5), (("Perpignan", "66000", 42.699, 2.895), ("Céret", "66400", 42.486, 2.748), ("Prades", "66500", 42.617, 2.422),)),  # noqa: E501
    "67": (1150, (48.65, 7.55), (("Strasbourg", "67000", 48.573, 7.752), ("Haguenau", "67500", 48.816, 7.79), ("Molsheim", "67120", 48.542, 7.492), ("Sélestat", "67600", 48.259, 7.454),)),  # noqa: E501
    "68": (765, (47.85, 7.25), (("Colmar", "68000", 48.079, 7.358), ("Mulhouse", "68100", 47.75, 7.336), ("Saint-Louis", "68300", 47.59, 7.56),)),  # noqa: E501
    "69": (1890, (45.85, 4.65), (("Lyon", "69007", 45.745, 4.842), ("Villeurbanne", "69100", 45.772, 4.89), ("Vénissieux", "69200", 45.697, 4.886), ("Villefranche-sur-Saône", "69400", 45.99, 4.719),)),  # noqa: E501
    "70": (235, (47.65, 6.1), (("Vesoul", "70000", 47.622, 6.155), ("Lure", "70200", 47.683, 6.497), ("Gray", "70100", 47.446, 5.592), ("Héricourt", "70400", 47.577, 6.762),)),  # noqa: E501
    "71": (550, (46.65, 4.55), (("Mâcon", "71000", 46.307, 4.832), ("Chalon-sur-Saône", "71100", 46.781, 4.854), ("Le Creusot", "71200", 46.8, 4.426), ("Montceau-les-Mines", "71300", 46.667, 4.369),)),  # noqa: E501
    "72": (565, (48.0, 0.2), (("Le Mans", "72000", 48.006, 0.199), ("La Flèche", "72200", 47.698, -0.075), ("Sablé-sur-Sarthe", "72300", 47.839, -0.334),)),  # noqa: E501
    "73": (440, (45.5, 6.45), (("Chambéry", "73000", 45.564, 5.918), ("Albertville", "73200", 45.676, 6.392), ("Aix-les-Bains", "73100", 45.688, 5.915), ("Saint-Jean-de-Maurienne", "73300", 45.276, 6.346),)),  # noqa: E501
    "74": (830, (46.05, 6.4), (("Annecy", "74000", 45.9, 6.129), ("Cluses", "74300", 46.061, 6.579), ("Annemasse", "74100", 46.194, 6.236), ("Thonon-les-Bains", "74200", 46.371, 6.479),)),  # noqa: E501
    "75": (2130, (48.857, 2.347), (("Paris", "75011", 48.859, 2.38), ("Paris", "75013", 48.829, 2.363), ("Paris", "75015", 48.842, 2.3), ("Paris", "75019", 48.887, 2.385),)),  # noqa: E501
    "76": (1250, (49.65, 1.0), (("Rouen", "76000", 49.443, 1.099), ("Le Havre", "76600", 49.494, 0.108), ("Dieppe", "76200", 49.923, 1.078), ("Fécamp", "76400", 49.757, 0.375),)),  # noqa: E501
    "77": (1430, (48.6, 2.95), (("Melun", "77000", 48.54, 2.66), ("Meaux", "77100", 48.96, 2.879), ("Chelles", "77500", 48.879, 2.59), ("Montereau-Fault-Yonne", "77130", 48.385, 2.951),)),  # noqa: E501
    "78": (1450, (48.8, 1.85), (("Versailles", "78000", 48.805, 2.135), ("Mantes-la-Jolie", "78200", 48.991, 1.717), ("Poissy", "78300", 48.929, 2.046), ("Guyancourt", "78280", 48.772, 2.074),)),  # noqa: E501
    "79": (375, (46.55, -0.3), (("Niort", "79000", 46.323, -0.465), ("Bressuire", "79300", 46.841, -0.489), ("Parthenay", "79200", 46.649, -0.247), ("Thouars", "79100", 46.976, -0.215),)),  # noqa: E501
    "80": (570, (49.95, 2.3), (("Amiens", "80000", 49.894, 2.296), ("Abbeville", "80100", 50.106, 1.833), ("Albert", "80300", 50.002, 2.652),)),  # noqa: E501
    "81": (390, (43.8, 2.15), (("Albi", "81000", 43.929, 2.148), ("Castres", "81100", 43.606, 2.241), ("Gaillac", "81600", 43.901, 1.897),)),  # noqa: E501
    "82": (260, (44.1, 1.3), (("Montauban", "82000", 44.018, 1.355), ("Castelsarrasin", "82100", 44.04, 1.107), ("Moissac", "82200", 44.105, 1.085),)),  # noqa: E501
    "83": (1080, (43.45, 6.2), (("Toulon", "83000", 43.124, 5.928), ("Draguignan", "83300", 43.537, 6.464), ("Fréjus", "83600", 43.433, 6.737), ("Hyères", "83400", 43.12, 6.13), ("La Seyne-sur-Mer", "83500", 43.101, 5.878),)),  # noqa: E501
    "84": (560, (44.0, 5.2), (("Avignon", "84000", 43.949, 4.806), ("Carpentras", "84200", 44.055, 5.048), ("Cavaillon", "84300", 43.837, 5.038), ("Orange", "84100", 44.138, 4.807),)),  # noqa: E501
    "85": (690, (46.65, -1.3), (("La Roche-sur-Yon", "85000", 46.67, -1.426), ("Les Sables-d'Olonne", "85100", 46.497, -1.783), ("Fontenay-le-Comte", "85200", 46.466, -0.806), ("Les Herbiers", "85500", 46.872, -1.014),)),  # noqa: E501
    "86": (440, (46.55, 0.45), (("Poitiers", "86000", 46.58, 0.34), ("Châtellerault", "86100", 46.817, 0.546), ("Loudun", "86200", 47.01, 0.083),)),  # noqa: E501
    "87": (370, (45.9, 1.25), (("Limoges", "87000", 45.834, 1.261), ("Saint-Junien", "87200", 45.888, 0.901), ("Saint-Yrieix-la-Perche", "87500", 45.515, 1.205),)),  # noqa: E501
    "88": (360, (48.2, 6.4), (("Épinal", "88000", 48.174, 6.449), ("Saint-Dié-des-Vosges", "88100", 48.285, 6.95), ("Remiremont", "88200", 48.017, 6.591), ("Neufchâteau", "88300", 48.356, 5.696),)),  # noqa: E501
    "89": (335, (47.8, 3.55), (("Auxerre", "89000", 47.798, 3.567), ("Sens", "89100", 48.197, 3.283), ("Avallon", "89200", 47.49, 3.908), ("Joigny", "89300", 47.983, 3.397),)),  # noqa: E501
    "90": (140, (47.65, 6.9), (("Belfort", "90000", 47.64, 6.863), ("Delle", "90100", 47.508, 7.0), ("Bavilliers", "90800", 47.623, 6.83),)),  # noqa: E501
    "91": (1300, (48.52, 2.25), (("Évry-Courcouronnes", "91000", 48.629, 2.441), ("Massy", "91300", 48.73, 2.276), ("Corbeil-Essonnes", "91100", 48.612, 2.482), ("Palaiseau", "91120", 48.715, 2.245), ("Étampes", "91150", 48.435, 2.161),)),  # noqa: E501
    "92": (1630, (48.85, 2.24), (("Nanterre", "92000", 48.892, 2.207), ("Boulogne-Billancourt", "92100", 48.835, 2.241), ("Gennevilliers", "92230", 48.933, 2.293), ("Colombes", "92700", 48.922, 2.254),)),  # noqa: E501
    "93": (1650, (48.91, 2.48), (("Bobigny", "93000", 48.908, 2.439), ("Saint-Denis", "93200", 48.936, 2.357), ("Aulnay-sous-Bois", "93600", 48.938, 2.497), ("Montreuil", "93100", 48.862, 2.441),)),  # noqa: E501
    "94": (1410, (48.78, 2.47), (("Créteil", "94000", 48.79, 2.455), ("Vitry-sur-Seine", "94400", 48.788, 2.393), ("Ivry-sur-Seine", "94200", 48.813, 2.386), ("Rungis", "94150", 48.748, 2.35),)),  # noqa: E501
    "95": (1250, (49.08, 2.13), (("Cergy", "95000", 49.036, 2.076), ("Argenteuil", "95100", 48.948, 2.247), ("Sarcelles", "95200", 48.997, 2.379), ("Gonesse", "95500", 48.986, 2.449),)),  # noqa: E501
    "971": (385, (16.2, -61.55), (("Pointe-à-Pitre", "97110", 16.241, -61.533), ("Basse-Terre", "97100", 15.998, -61.726), ("Baie-Mahault", "97122", 16.267, -61.585), ("Les Abymes", "97139", 16.271, -61.504),)),  # noqa: E501
    "972": (360, (14.65, -61.02), (("Fort-de-France", "97200", 14.616, -61.059), ("Le Lamentin", "97232", 14.613, -60.999), ("Le Robert", "97231", 14.678, -60.94), ("Schœlcher", "97233", 14.615, -61.09),)),  # noqa: E501
    "973": (290, (4.0, -53.0), (("Cayenne", "97300", 4.938, -52.326), ("Kourou", "97310", 5.16, -52.65), ("Saint-Laurent-du-Maroni", "97320", 5.497, -54.029), ("Matoury", "97351", 4.847, -52.331),)),  # noqa: E501
    "974": (870, (-21.13, 55.53), (("Saint-Denis", "97400", -20.882, 55.45), ("Saint-Pierre", "97410", -21.339, 55.478), ("Le Port", "97420", -20.937, 55.292), ("Saint-Paul", "97460", -21.01, 55.27), ("Le Tampon", "97430", -21.278, 55.517),)),  # noqa: E501
    "976": (310, (-12.82, 45.15), (("Mamoudzou", "97600", -12.78, 45.228), ("Dzaoudzi", "97610", -12.788, 45.283), ("Koungou", "97690", -12.734, 45.204),)),  # noqa: E501
}
# fmt: on

# Telephone prefixes by académie zone (fixed lines); mobiles are 06/07 everywhere.
OVERSEAS_PHONE_PREFIX = {"971": "0590", "972": "0596", "973": "0594", "974": "0262", "976": "0269"}

# --------------------------------------------------------------------------------------------
# Manufacturing sectors (NAF sections 10 to 33): code, words for company names, the field
# ("Spécialisée dans …") and the jobs ("les métiers de …").
# --------------------------------------------------------------------------------------------

# (NAF code, weight, name words, field, jobs)
# fmt: off
SECTORS = [
    ("10.13A", 3, ("Salaisons", "Charcuteries"), "la charcuterie industrielle", "les métiers de l'agroalimentaire"),  # noqa: E501
    ("10.51A", 3, ("Laiterie", "Fromagerie"), "les produits laitiers", "les métiers de l'agroalimentaire"),  # noqa: E501
    ("10.71A", 3, ("Biscuiterie", "Boulangerie industrielle"), "la boulangerie industrielle", "les métiers de la production alimentaire"),  # noqa: E501
    ("10.82Z", 2, ("Chocolaterie", "Confiserie"), "la chocolaterie et la confiserie", "les métiers de l'agroalimentaire"),  # noqa: E501
    ("11.01Z", 1, ("Distillerie",), "la distillation", "les métiers de la production"),  # noqa: E501
    ("13.20Z", 1, ("Tissage", "Textiles"), "le textile technique", "les métiers du textile"),  # noqa: E501
    ("16.10A", 2, ("Scierie", "Bois"), "le sciage et la transformation du bois", "les métiers du bois"),  # noqa: E501
    ("17.21A", 2, ("Cartonnerie", "Emballages"), "l'emballage en carton", "les métiers de l'emballage"),  # noqa: E501
    ("20.14Z", 2, ("Chimie",), "la chimie de base", "les métiers de la chimie"),  # noqa: E501
    ("20.42Z", 1, ("Cosmétiques", "Laboratoires"), "les cosmétiques", "les métiers de la cosmétique"),  # noqa: E501
    ("21.20Z", 2, ("Laboratoires", "Pharma"), "les médicaments", "les métiers de la pharmacie industrielle"),  # noqa: E501
    ("22.29A", 4, ("Plastiques", "Plasturgie"), "les pièces techniques en plastique", "les métiers de la plasturgie"),  # noqa: E501
    ("23.51Z", 1, ("Ciments",), "le ciment", "les métiers des matériaux"),  # noqa: E501
    ("24.10Z", 1, ("Aciéries", "Forges"), "la sidérurgie", "les métiers de la métallurgie"),  # noqa: E501
    ("24.51Z", 2, ("Fonderie",), "la fonderie de fonte", "les métiers de la fonderie"),  # noqa: E501
    ("25.11Z", 4, ("Métallerie", "Charpente métallique"), "les structures métalliques", "les métiers de la chaudronnerie et de la soudure"),  # noqa: E501
    ("25.50B", 3, ("Emboutissage", "Découpage"), "le découpage et l'emboutissage", "les métiers de la tôlerie"),  # noqa: E501
    ("25.61Z", 3, ("Traitements de surface", "Galvanoplastie"), "le traitement des métaux", "les métiers du traitement de surface"),  # noqa: E501
    ("25.62A", 4, ("Décolletage",), "le décolletage", "les métiers du décolletage"),  # noqa: E501
    ("25.62B", 8, ("Mécanique", "Usinage", "Mécanique de précision"), "la mécanique de précision", "les métiers de l'usinage"),  # noqa: E501
    ("25.73A", 2, ("Moules", "Outillage"), "les moules et l'outillage", "les métiers de l'outillage"),  # noqa: E501
    ("26.11Z", 3, ("Électronique", "Microélectronique"), "les composants électroniques", "les métiers de l'électronique"),  # noqa: E501
    ("26.51B", 2, ("Instruments", "Mesure"), "l'instrumentation scientifique", "les métiers de la mesure et du contrôle"),  # noqa: E501
    ("27.11Z", 3, ("Électrotechnique", "Moteurs électriques"), "les moteurs et transformateurs électriques", "les métiers de l'électricité"),  # noqa: E501
    ("28.22Z", 2, ("Levage", "Manutention"), "le matériel de levage", "les métiers de la maintenance"),  # noqa: E501
    ("28.29B", 3, ("Machines spéciales", "Automatismes"), "les machines spéciales", "les métiers de la robotique et de l'automatisme"),  # noqa: E501
    ("28.30Z", 2, ("Machinisme agricole",), "les machines agricoles", "les métiers de la mécanique"),  # noqa: E501
    ("28.41Z", 2, ("Machines-outils",), "les machines-outils", "les métiers de la commande numérique"),  # noqa: E501
    ("29.10Z", 2, ("Automobiles", "Véhicules"), "la construction automobile", "les métiers de l'automobile"),  # noqa: E501
    ("29.32Z", 3, ("Équipements automobiles",), "les équipements automobiles", "les métiers de l'automobile"),  # noqa: E501
    ("30.11Z", 1, ("Chantiers navals",), "la construction navale", "les métiers de la navale"),  # noqa: E501
    ("30.20Z", 1, ("Ferroviaire",), "le matériel ferroviaire", "les métiers du ferroviaire"),  # noqa: E501
    ("30.30Z", 3, ("Aéro", "Aéronautique", "Aérostructures"), "l'aéronautique et le spatial", "les métiers de l'aéronautique"),  # noqa: E501
    ("31.09B", 2, ("Meubles", "Ameublement"), "l'ameublement", "les métiers du bois et de l'ameublement"),  # noqa: E501
    ("32.50A", 2, ("Médical", "Implants"), "le matériel médical", "les métiers des dispositifs médicaux"),  # noqa: E501
    ("33.12Z", 3, ("Maintenance industrielle",), "la maintenance des équipements", "les métiers de la maintenance"),  # noqa: E501
    ("33.20C", 2, ("Automatismes", "Ingénierie"), "l'automatisation des lignes de production", "les métiers de l'automatisme"),  # noqa: E501
]
# fmt: on

COMPANY_NAME_PATTERNS = (
    "{word} {surname}",
    "{word} {surname}",
    "{surname} {word}",
    "Ateliers {surname}",
    "Établissements {surname}",
    "{surname} et Fils",
    "{surname} Industries",
    "{acronym} {word}",
    "{acronym}",
    "{word} {city_de}",
)
LEGAL_FORMS = ("", "", "", " SAS", " SAS", " SA", " SARL")
INDUSTRIAL_ZONES = (
    "Zone industrielle",
    "ZI Nord",
    "ZI Sud",
    "Zone d'activités des Peupliers",
    "Parc d'activités de la Gare",
    "ZA du Moulin",
    "Parc technologique",
    "Zone portuaire",
)
# (size band, weight, employees range)
SIZE_BANDS = (
    ("11", 14, (10, 19)),
    ("12", 20, (20, 49)),
    ("21", 18, (50, 99)),
    ("22", 16, (100, 199)),
    ("31", 5, (200, 249)),
    ("32", 10, (250, 499)),
    ("41", 8, (500, 999)),
    ("42", 5, (1000, 1999)),
    ("51", 3, (2000, 4999)),
    ("52", 1, (5000, 9999)),
)

# --------------------------------------------------------------------------------------------
# Schools
# --------------------------------------------------------------------------------------------

# (kind, weight, group) — group decides the audiences and class levels it brings
SCHOOL_KINDS = (
    ("Collège", 55, "college"),
    ("Lycée", 17, "lycee"),
    ("Lycée professionnel", 21, "pro"),
    ("Lycée polyvalent", 7, "lycee"),
)
# fmt: off
SCHOOL_NAMESAKES = (
    "Jean Moulin", "Louis Armand", "Marie Curie", "Victor Hugo", "Jules Ferry", "Jean Jaurès",
    "Louis Pasteur", "Paul Langevin", "Pierre et Marie Curie", "Albert Camus", "Simone Veil",
    "Jacques Prévert", "Gustave Eiffel", "Jules Verne", "Camille Claudel", "Henri Wallon",
    "Joliot-Curie", "Condorcet", "Antoine de Saint-Exupéry", "Léonard de Vinci", "Denis Papin",
    "Édouard Branly", "Louise Michel", "Olympe de Gouges", "Germaine Tillion", "Lucie Aubrac",
    "Marcel Pagnol", "Jean Rostand", "Georges Brassens", "Voltaire", "Montesquieu", "Rosa Parks",
    "Nelson Mandela", "Anne Frank", "Arthur Rimbaud", "Paul Éluard", "George Sand",
    "Jean de La Fontaine", "André Malraux", "Émile Zola", "Blaise Pascal", "René Descartes",
    "Lavoisier", "André-Marie Ampère", "Nicéphore Niépce", "Hélène Boucher", "Sophie Germain",
    "Alexandre Dumas", "Jean Monnet", "Pablo Picasso", "Aimé Césaire", "Gaston Monnerville",
    "Roland Garros", "Marie Marvingt", "Charles Péguy", "Jean Zay",
)
# fmt: on
# fmt: off
VOCATIONAL_NAMESAKES = (
    "Louis Armand", "Gustave Eiffel", "Denis Papin", "Jean Jaurès", "Marcel Sembat",
    "Benjamin Franklin", "Édouard Branly", "Joseph-Marie Jacquard", "Jean Prouvé",
    "Hippolyte Fontaine", "Marcel Dassault", "Émile Baudot", "Ferdinand Buisson", "Charles Tillon",
    "Léon Blum", "Martin Nadaud", "Camille Claudel", "Marie Curie",
)
# fmt: on
# fmt: off
PRIVATE_NAMESAKES = (
    "Saint-Joseph", "Notre-Dame", "Sainte-Marie", "Saint-Jean-Baptiste de La Salle",
    "Jeanne d'Arc", "Saint-Vincent-de-Paul", "Sainte-Ursule", "La Providence", "Don Bosco",
    "Saint-François-Xavier", "Sacré-Cœur", "Immaculée-Conception",
)
# fmt: on
# class levels a school group brings, with weights
CLASS_LEVELS = {
    "college": (
        (Level.TROISIEME, 8),
        (Level.QUATRIEME, 4),
        (Level.CINQUIEME, 1),
        (Level.SIXIEME, 1),
    ),
    "lycee": ((Level.SECONDE, 5), (Level.PREMIERE, 4), (Level.TERMINALE, 3), (Level.BTS, 1)),
    "pro": (
        (Level.CAP, 3),
        (Level.SECONDE, 4),
        (Level.PREMIERE, 3),
        (Level.TERMINALE, 2),
        (Level.BTS, 1),
    ),
}
CLASS_PREFIX = {
    Level.SIXIEME: "6e",
    Level.CINQUIEME: "5e",
    Level.QUATRIEME: "4e",
    Level.TROISIEME: "3e",
    Level.SECONDE: "2nde",
    Level.PREMIERE: "1re",
    Level.TERMINALE: "Terminale",
    Level.CAP: "CAP",
    Level.BTS: "BTS",
}
LYCEE_TRACKS = ("STI2D", "générale", "STL", "STMG", "spécialité SI")
PRO_TRACKS = (
    "Bac pro MELEC",
    "Bac pro TU",
    "Bac pro MSPC",
    "Bac pro TCI",
    "Bac pro PLP",
    "Bac pro MEI",
    "Bac pro RICS",
)
CAP_TRACKS = ("Soudure", "Conducteur d'installations", "Électricien", "Réalisations industrielles")
BTS_TRACKS = ("CPRP", "CRSA", "Électrotechnique", "MS", "CPI", "Europlastics")
# Proportion of girls by group: industrial tracks stay far from parity.
GIRL_SHARE = {"college": 0.49, "lycee": 0.42, "pro": 0.18}

# --------------------------------------------------------------------------------------------
# Organizers other than companies and schools
# --------------------------------------------------------------------------------------------

OTHER_ORGANIZERS = (
    "UIMM {dept}",
    "CCI {dept}",
    "Chambre de métiers et de l'artisanat {dept}",
    "France Travail {city}",
    "Maison de l'emploi {city_de}",
    "Cité des métiers {city_de}",
    "Campus des métiers et des qualifications Industrie du futur",
    "Association Elles bougent",
    "Association Jeunes & Industrie {dept}",
    "CFA de l'industrie {city_de}",
    "Pôle formation UIMM {city_de}",
    "Mission locale {city_de}",
)

# --------------------------------------------------------------------------------------------
# Titles and descriptions, by main action type. Placeholders: {org} {org_de} {city_a}
# {city_de} {jobs} {field} {school} {n}.
# --------------------------------------------------------------------------------------------

COMPANY_TITLES = {
    "visite-entreprise": (
        "Visite de l'usine {org}",
        "Visite de la ligne d'assemblage {org_de}",
        "Dans les coulisses {org_de} {city_a}",
        "Visite du site de production {org_de}",
        "À la découverte de {field} chez {org}",
        "Visite des ateliers {org_de} : fabrication, assemblage et contrôle qualité",
        "Visite de l'atelier électricité et maintenance",
    ),
    "portes-ouvertes": (
        "Portes ouvertes de l'usine {org}",
        "Journée portes ouvertes chez {org}",
        "{org} ouvre ses portes",
        "Portes ouvertes : {jobs} {city_a}",
    ),
    "atelier-demonstration": (
        "Atelier soudure et découverte des métiers",
        "Atelier impression 3D et prototypage",
        "Démonstration de robotique collaborative chez {org}",
        "Atelier « Fabrique ton objet » chez {org}",
        "Atelier électricité et automatismes",
        "Atelier découverte de l'usinage à commande numérique",
    ),
    "intervention-en-classe": (
        "{Jobs} expliqués en classe",
        "Des professionnels {org_de} rencontrent les élèves",
        "Intervention en classe : parcours d'ingénieures et de techniciens",
    ),
    "job-dating": (
        "Job dating apprentissage chez {org}",
        "Job dating alternance industrie {city_a}",
        "Job dating : {n} postes en apprentissage",
    ),
    "webinaire-visite-virtuelle": (
        "Visite virtuelle de l'usine {org}",
        "Webinaire : {jobs}",
        "Visite virtuelle de la ligne de production",
    ),
    "conference-table-ronde": (
        "Table ronde : les femmes dans l'industrie",
        "Conférence : l'industrie du futur {city_a}",
        "Table ronde : réindustrialisation et emplois de demain",
    ),
    "escape-game": (
        "Escape game industriel : sauvez la production !",
        "Escape game « Panne sur la ligne 3 »",
    ),
    "immersion-enseignants": (
        "Immersion d'enseignants chez {org}",
        "Journée d'immersion des professeurs en entreprise",
    ),
    "forum-des-metiers": (
        "Forum des métiers de l'industrie {city_de}",
        "Forum emploi-formation de l'industrie",
    ),
}
SCHOOL_TITLES = (
    "Forum des métiers de l'industrie au {school}",
    "Des entreprises du territoire au {school}",
    "Rencontre avec des professionnels de l'industrie",
    "Conférence : les métiers de l'industrie ont-ils un genre ?",
    "Semaine de l'industrie au {school} : ateliers et témoignages",
    "Défi robotique et découverte des métiers",
)
OTHER_TITLES = (
    "Forum des métiers de l'industrie {city_de}",
    "Salon de l'apprentissage industriel {city_de}",
    "Rallye des entreprises industrielles",
    "Conférence : les femmes dans l'industrie",
    "Job dating apprentissage industrie {city_a}",
    "Webinaire : s'orienter vers les métiers de l'industrie",
    "Escape game « Usine du futur »",
)

INTRO_SENTENCES = {
    "visite-entreprise": "{org} accueille les jeunes sur son site {city_de} pour une visite commentée des ateliers de production.",  # noqa: E501
    "portes-ouvertes": "À l'occasion de la Semaine de l'industrie {year}, {org} ouvre les portes de son site {city_de} au public.",  # noqa: E501
    "atelier-demonstration": "Un atelier pratique animé par les équipes {org_de} pour manipuler, fabriquer et comprendre.",  # noqa: E501
    "intervention-en-classe": "Des professionnels {org_de} viennent présenter leur métier et leur parcours directement en classe.",  # noqa: E501
    "job-dating": "Des entretiens courts et sans CV avec les recruteurs {org_de}, pour décrocher un contrat d'apprentissage.",  # noqa: E501
    "webinaire-visite-virtuelle": "Une visite en direct et en vidéo des ateliers {org_de}, avec un temps de questions-réponses.",  # noqa: E501
    "conference-table-ronde": "Dirigeants, techniciennes et apprentis échangent sur les transformations de l'industrie et ses métiers.",  # noqa: E501
    "escape-game": "Par équipes, les participants résolvent des énigmes pour remettre en route une ligne de production.",  # noqa: E501
    "immersion-enseignants": "Une journée pour permettre aux enseignants de découvrir l'entreprise, ses métiers et ses besoins en compétences.",  # noqa: E501
    "forum-des-metiers": "Une vingtaine d'entreprises industrielles et d'organismes de formation présentent leurs métiers et leurs formations.",  # noqa: E501
}
# theme: (sentence for a company's event, sentence for a school's or another structure's)
THEME_SENTENCES = {
    "mixite-des-metiers": (
        "Des femmes ingénieures, techniciennes et opératrices témoigneront de leur parcours.",
        "Des femmes ingénieures, techniciennes et opératrices témoigneront de leur parcours.",
    ),
    "transition-ecologique": (
        "Un temps sera consacré aux efforts du site pour réduire sa consommation d'énergie et ses émissions.",  # noqa: E501
        "Des entreprises présenteront comment elles réduisent leur consommation d'énergie et leurs émissions.",  # noqa: E501
    ),
    "economie-circulaire": (
        "Les participants verront comment les chutes et les rebuts sont triés, réemployés ou recyclés.",  # noqa: E501
        "Recyclage, réemploi, réparation : l'économie circulaire crée de nouveaux métiers.",
    ),
    "industrie-du-futur": (
        "Robots collaboratifs, jumeaux numériques et fabrication additive seront présentés en situation réelle.",  # noqa: E501
        "Robots collaboratifs, réalité virtuelle et impression 3D seront en démonstration.",
    ),
    "apprentissage-voie-professionnelle": (
        "Des apprentis présenteront leur formation en alternance et leur quotidien dans l'entreprise.",  # noqa: E501
        "Des apprentis et leurs formateurs présenteront les formations en alternance du territoire.",  # noqa: E501
    ),
    "recrutement-metiers-en-tension": (
        "L'entreprise recrute : {hiring}.",
        "Les entreprises présentes recrutent : {hiring}.",
    ),
}
HIRING = (
    "soudeurs, chaudronniers et techniciens de maintenance",
    "opérateurs de production, conducteurs de ligne et techniciens qualité",
    "électrotechniciens, automaticiens et techniciens de maintenance",
    "ingénieurs méthodes, dessinateurs industriels et techniciens de laboratoire",
    "régleurs, usineurs sur commande numérique et contrôleurs qualité",
)
SCHOOL_INTROS = (
    "Le {school} invite des entreprises industrielles du territoire à présenter leurs métiers à ses élèves.",  # noqa: E501
    "Ingénieures, techniciens et apprentis viennent au {school} raconter leur parcours et leur quotidien.",  # noqa: E501
)
OTHER_INTROS = (
    "{org} réunit entreprises industrielles, organismes de formation et jeunes autour des métiers de l'industrie.",  # noqa: E501
    "Organisée par {org}, cette action fait découvrir aux jeunes et à leurs familles les métiers qui recrutent dans l'industrie.",  # noqa: E501
)
VENUE_SENTENCES = (
    "Entrée libre dans la limite des places disponibles.",
    "Les élèves sont accueillis par groupes, encadrés par leurs enseignants.",
    "Programme détaillé envoyé aux participants une semaine avant l'événement.",
)
PRACTICAL_SENTENCES = (
    "Chaussures fermées obligatoires ; les équipements de protection sont fournis sur place.",
    "Prévoir une pièce d'identité pour l'accès au site.",
    "Accueil au poste de garde ; un parking pour autocar est disponible.",
    "Visite en petits groupes de quinze personnes au plus.",
    "Une collation sera offerte à l'issue de la rencontre.",
    "Les photos sont interdites dans les ateliers.",
)
COMPANY_SUMMARIES = (
    "Découvrez {jobs} et rencontrez les équipes {org_de}.",
    "{Org} vous montre comment on fabrique et qui le fait.",
)
SUMMARIES = (
    "Une rencontre pour comprendre comment on fabrique et qui le fait.",
    "Des métiers qui recrutent, présentés par celles et ceux qui les exercent.",
    "Voir, toucher, essayer : l'industrie de près.",
)
ACCESSIBILITY_DETAILS = (
    "Site de plain-pied, ascenseur pour accéder à la salle de réunion.",
    "Parcours de visite accessible en fauteuil roulant ; boucle magnétique en salle.",
    "Accueil adapté sur demande préalable auprès du contact.",
)
SESSION_NOTES = (
    "",
    "",
    "",
    "",
    "Groupe de 15 élèves maximum",
    "Accueil au poste de garde",
    "Prévoir des chaussures fermées",
    "Créneau réservé aux classes de 3e",
)
REGISTRATION_NEEDS = (
    "",
    "",
    "",
    "",
    "",
    "",
    "Un élève en fauteuil roulant.",
    "Deux élèves allergiques à l'arachide.",
    "Arrivée en car vers 9 h 15.",
    "Une élève malentendante : prévoir un support écrit si possible.",
)

CHANGES_REASONS = (
    "Précisez le public visé et le nombre de places par créneau.",
    "Merci de compléter la description du déroulé de la visite.",
    "Indiquez l'adresse exacte du site et les conditions d'accès (équipements de protection).",
    "Le titre doit mieux refléter le contenu de l'action.",
)
REJECTION_REASONS = (
    "L'action ne porte pas sur l'industrie et ses métiers.",
    "Doublon d'un événement déjà déclaré par la même structure.",
    "Les dates proposées sortent de la période de l'édition.",
    "L'événement est payant : la labellisation exige la gratuité.",
)
CANCELLATION_REASONS = (
    "Arrêt de la ligne de production pour maintenance imprévue.",
    "Intervenants indisponibles à la date prévue.",
    "Trop peu d'inscriptions pour maintenir l'événement.",
    "Alerte météorologique : accueil du public suspendu.",
)
COVID_REASON = (
    "Crise sanitaire (covid-19) : les événements sur place de la Semaine de l'industrie 2020 "
    "sont annulés."
)
# In March 2020 the lockdown cancelled every on-site event of the 2020 edition.
COVID_CANCELLATIONS = {2020: datetime.datetime(2020, 3, 12, 14, tzinfo=datetime.UTC)}
DECLINE_REASONS = (
    "Créneau réservé aux classes de 3e.",
    "Groupe trop nombreux pour l'atelier.",
    "Une autre classe de votre établissement est déjà inscrite.",
)
CANCEL_REASONS = (
    "",
    "Sortie annulée : car indisponible.",
    "Grève des transports.",
    "Conseil de classe déplacé sur ce créneau.",
)

# --------------------------------------------------------------------------------------------
# Sessions: local (hour, minute, duration in minutes) by main action type
# --------------------------------------------------------------------------------------------

SLOTS = {
    "visite-entreprise": (
        (9, 0, 120),
        (9, 30, 120),
        (10, 0, 120),
        (13, 30, 120),
        (14, 0, 120),
        (14, 30, 90),
    ),
    "portes-ouvertes": ((9, 0, 480), (9, 0, 180), (13, 30, 240), (10, 0, 360)),
    "atelier-demonstration": ((9, 0, 90), (10, 30, 90), (14, 0, 90), (15, 30, 90)),
    "intervention-en-classe": ((8, 0, 55), (9, 0, 55), (10, 0, 110), (14, 0, 55), (15, 0, 110)),
    "forum-des-metiers": ((9, 0, 240), (13, 30, 240), (9, 0, 480)),
    "conference-table-ronde": ((18, 0, 120), (18, 30, 90), (14, 0, 120)),
    "job-dating": ((9, 0, 180), (14, 0, 180)),
    "webinaire-visite-virtuelle": ((10, 0, 60), (14, 0, 60), (17, 30, 60), (11, 0, 45)),
    "escape-game": ((9, 0, 60), (10, 30, 60), (14, 0, 60), (15, 30, 60)),
    "immersion-enseignants": ((9, 0, 450), (8, 30, 480)),
}
DEFAULT_SLOTS = SLOTS["visite-entreprise"]

# Main action type weights by organizer kind (slugs of events.reference_data.ACTION_TYPES).
ACTION_WEIGHTS = {
    Event.OrganizerKind.COMPANY: {
        "visite-entreprise": 36,
        "portes-ouvertes": 17,
        "atelier-demonstration": 10,
        "intervention-en-classe": 8,
        "job-dating": 6,
        "webinaire-visite-virtuelle": 6,
        "conference-table-ronde": 3,
        "escape-game": 3,
        "immersion-enseignants": 5,
        "forum-des-metiers": 3,
    },
    Event.OrganizerKind.SCHOOL: {
        "forum-des-metiers": 35,
        "intervention-en-classe": 30,
        "conference-table-ronde": 15,
        "atelier-demonstration": 10,
        "escape-game": 5,
        "job-dating": 5,
    },
    Event.OrganizerKind.OTHER: {
        "forum-des-metiers": 35,
        "conference-table-ronde": 20,
        "job-dating": 15,
        "atelier-demonstration": 10,
        "webinaire-visite-virtuelle": 10,
        "escape-game": 5,
        "immersion-enseignants": 5,
    },
}
THEME_WEIGHTS = {
    "mixite-des-metiers": 5,
    "transition-ecologique": 4,
    "economie-circulaire": 2,
    "industrie-du-futur": 5,
    "apprentissage-voie-professionnelle": 5,
    "recrutement-metiers-en-tension": 4,
}
AUDIENCE_WEIGHTS = {
    "collegiens": 35,
    "lyceens": 30,
    "apprentis": 10,
    "etudiants": 7,
    "demandeurs-emploi": 6,
    "enseignants": 4,
    "parents": 3,
    "grand-public": 5,
}
SCHOOL_AUDIENCE_GROUPS = {
    "collegiens": ("college",),
    "lyceens": ("lycee", "pro"),
    "apprentis": ("pro",),
}

# (statuses, cumulated weights) of the events of past editions and of the current one
PAST_STATUSES = (
    (Status.PUBLISHED, Status.CANCELLED, Status.REJECTED, Status.DRAFT, Status.CHANGES_REQUESTED),
    (86, 90, 95, 98, 100),
)
CURRENT_STATUSES = (
    (
        Status.PUBLISHED,
        Status.SUBMITTED,
        Status.DRAFT,
        Status.CHANGES_REQUESTED,
        Status.REJECTED,
        Status.CANCELLED,
    ),
    (55, 69, 81, 88, 93, 100),
)
# The organizer's and teacher's demo events: one of each status, most of them published.
DEMO_EVENT_STATUSES = (
    Status.PUBLISHED,
    Status.PUBLISHED,
    Status.SUBMITTED,
    Status.DRAFT,
    Status.PUBLISHED,
    Status.CHANGES_REQUESTED,
    Status.CANCELLED,
    Status.PUBLISHED,
    Status.REJECTED,
    Status.PUBLISHED,
)

# cumulated weights of 1–4 sessions, of 1–3 themes or audiences, of 0–5 class requests
SESSION_COUNT_CUM = (50, 75, 90, 100)
ONE_TO_THREE_CUM = (45, 80, 100)
REQUEST_COUNT_CUM = (22, 52, 76, 88, 96, 100)
CAPACITIES = (15, 20, 24, 25, 30, 30, 35, 40, 45, 50, 60, 10, 12)
SIZE_BAND_EMPLOYEES = {band: employees for band, _weight, employees in SIZE_BANDS}
PARTNERSHIP_DESCRIPTIONS = (
    "Stages d'observation de 3e et visites d'atelier.",
    "Parrainage d'une classe de bac professionnel.",
    "Accueil d'apprentis et jurys d'examen.",
    "Prêt de matériel pour l'atelier du lycée.",
)
PLACE_FREED_REASON = "Une place s'est libérée."

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


class DemoSeedError(Exception):
    """The demo data cannot be generated (missing reference data, bad option)."""


# --------------------------------------------------------------------------------------------
# Identifiers
# --------------------------------------------------------------------------------------------


def uai_build(*, department_code: str, number: int) -> str:
    """A valid UAI: département prefix (`0`+code, 620=2A, 720=2B, 97x), 4 digits, check letter."""
    prefix = {"2A": "620", "2B": "720"}.get(department_code)
    if prefix is None:
        prefix = department_code if len(department_code) == 3 else f"0{department_code}"
    first7 = f"{prefix}{number:04d}"
    return first7 + UAI_LETTERS[int(first7) % 23]


def siret_build(*, siren8: str, nic4: str) -> str:
    """A SIRET whose SIREN (9 digits) and whole 14 digits both pass the Luhn check."""
    siren = siren8 + luhn.calc_check_digit(siren8)
    return siren + nic4 + luhn.calc_check_digit(siren + nic4)


def _de(name: str) -> str:
    """« de » before a name, with French elision and contraction (d'Amiens, du Havre)."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name and (name[0] in "AEIOUYÂÉÈÊÎÔŒ" or name.startswith("Hé")):
        return "d'" + name
    return "de " + name


def _a(name: str) -> str:
    """« à » before a commune (au Havre, aux Herbiers)."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cum(weights) -> list[float]:
    return list(accumulate(weights))


class _Place:
    """A commune of the table (or an exact site), with its département."""

    __slots__ = ("city", "department", "latitude", "longitude", "postcode")

    def __init__(self, department, city, postcode, latitude, longitude):
        self.department = department
        self.city = city
        self.postcode = postcode
        self.latitude = latitude
        self.longitude = longitude


# --------------------------------------------------------------------------------------------
# Writing rows: COPY on PostgreSQL, bulk_create elsewhere
# --------------------------------------------------------------------------------------------


def _copy_text(value) -> str:
    """A text value in PostgreSQL's COPY text format (backslash escapes)."""
    if value is None:
        return "\\N"
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


def _copy_number(value) -> str:
    return "\\N" if value is None else str(value)


def _copy_moment(value) -> str:
    """Dates, and aware datetimes with their offset."""
    return "\\N" if value is None else value.isoformat()


def _copy_boolean(value) -> str:
    return "\\N" if value is None else ("t" if value else "f")


def _copy_converter(field):
    internal_type = field.get_internal_type()
    if internal_type in ("DateTimeField", "DateField"):
        return _copy_moment
    if internal_type == "BooleanField":
        return _copy_boolean
    if field.is_relation or internal_type.endswith(("IntegerField", "AutoField", "FloatField")):
        return _copy_number
    return _copy_text


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


@contextmanager
def _postgres_bulk_load(models):
    """Drop the foreign keys and plain indexes of these tables; restore them when done.

    PostgreSQL's advice for populating a database: rows are checked against each foreign
    key one by one and every index is updated row by row, while re-adding a foreign key
    checks the whole table in one query and building an index sorts once. Primary key and
    unique indexes stay. It all happens inside the caller's transaction, so an error rolls
    the schema back as it was. Without the right to alter the tables (not their owner), the
    rows are loaded with everything in place.
    """
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])
            ORDER BY 1, 2
            """,
            [tables],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        try:
            with transaction.atomic():
                for table, name, _definition in foreign_keys:
                    cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_quote(name)}")
                for name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {name}")
        except DatabaseError:
            foreign_keys, indexes = [], []
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {_quote(name)} {definition}")


class RowWriter:
    """Inserts rows given as dicts keyed by field attname; sets `row["id"]` on each row.

    Keys a model does not have (helpers starting with "_") are ignored; missing fields take
    their default, `auto_now`/`auto_now_add` fields the current time. On PostgreSQL the ids are
    drawn from the table's sequence and the rows sent with COPY (several times faster than
    INSERT for a million rows); on other databases, `bulk_create` in batches returns the ids.
    Neither calls `full_clean()` or `save()`: rows must be valid by construction.
    """

    def __init__(self, *, progress: bool = False):
        self.postgres = connection.vendor == "postgresql"
        self.progress = progress
        self.counts: dict[str, int] = defaultdict(int)

    def insert(self, model, rows: list[dict], desc=None) -> list[dict]:
        if rows:
            bar = _progress_bar(
                len(rows), desc or model._meta.verbose_name_plural, enabled=self.progress
            )
            if self.postgres:
                self._copy(model, rows, bar)
            else:
                self._bulk_create(model, rows, bar)
            if bar is not None:
                bar.close()
        self.counts[model._meta.label] += len(rows)
        return rows

    @staticmethod
    def _fields(model):
        now = timezone.now()
        fields, defaults = [], {}
        for field in model._meta.concrete_fields:
            fields.append(field)
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                defaults[field.attname] = now
            elif not field.primary_key:
                defaults[field.attname] = field.get_default()
        return fields, defaults

    def _bulk_create(self, model, rows, bar) -> None:
        fields, defaults = self._fields(model)
        pk_name = model._meta.pk.attname
        defaults[pk_name] = None
        manager = model._base_manager
        for start in range(0, len(rows), BATCH_SIZE):
            chunk = rows[start : start + BATCH_SIZE]
            objs = []
            for row in chunk:
                obj = model.__new__(model)  # plain instances without __init__'s overhead
                obj._state = ModelState()
                values = obj.__dict__
                values.update(defaults)
                for field in fields:
                    if field.attname in row:
                        values[field.attname] = row[field.attname]
                objs.append(obj)
            manager.bulk_create(objs)
            for row, obj in zip(chunk, objs, strict=True):
                if obj.pk is None:
                    raise DemoSeedError(_("Cette base de données ne renvoie pas les identifiants."))
                row[pk_name] = obj.pk
            if bar is not None:
                bar.update(len(chunk))

    def _copy(self, model, rows, bar) -> None:
        fields, defaults = self._fields(model)
        table = model._meta.db_table
        pk = model._meta.pk
        spec = [(f.attname, defaults.get(f.attname), _copy_converter(f)) for f in fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(rows)],
            )
            for row, (pk_value,) in zip(rows, cursor.fetchall(), strict=True):
                row[pk.attname] = pk_value
            sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
            for start in range(0, len(rows), 4 * BATCH_SIZE):
                chunk = rows[start : start + 4 * BATCH_SIZE]
                buffer = io.StringIO()
                write = buffer.write
                for row in chunk:
                    get = row.get
                    write(
                        "\t".join([convert(get(name, default)) for name, default, convert in spec])
                    )
                    write("\n")
                buffer.seek(0)
                cursor.cursor.copy_expert(sql, buffer)
                if bar is not None:
                    bar.update(len(chunk))


def _progress_bar(total: int, desc, *, enabled: bool):
    if not enabled:
        return None
    return tqdm(
        total=total,
        desc=str(desc),
        unit=" lignes",
        file=sys.stderr,
        leave=False,
        dynamic_ncols=True,
    )


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------


# Every table the builder writes to.
LOADED_MODELS = (
    User,
    School,
    Company,
    AcademyStaff,
    SchoolMembership,
    CompanyMembership,
    Partnership,
    Event,
    Event.themes.through,
    Event.audiences.through,
    Event.action_types.through,
    Session,
    EventStatusChange,
    ClassRegistration,
    RegistrationStatusChange,
)


class DemoBuilder:
    """Generates every row in memory as plain dicts, written in foreign-key order.

    Rows keep a few helper keys (starting with "_") that the writer ignores.
    """

    def __init__(self, *, events: int, seed: int, progress: bool = False):
        self.n_events = events
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.now = timezone.now()
        self.progress = progress
        self.writer = RowWriter(progress=progress)
        self.email_serial = 0

    def _pick(self, items, cum_weights):
        return items[bisect_left(cum_weights, self.rng.random() * cum_weights[-1])]

    def _pick_distinct(self, items, cum_weights, k: int) -> list:
        """k distinct items drawn with weights (k much smaller than the number of items)."""
        chosen = []
        while len(chosen) < k:
            item = self._pick(items, cum_weights)
            if item not in chosen:
                chosen.append(item)
        return chosen

    def _between(self, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
        span = (end - start).total_seconds()
        if span <= 0:
            return start
        return start + datetime.timedelta(seconds=int(self.rng.random() * span))

    # ---- reference data ---------------------------------------------------------------------

    def load_reference(self) -> None:
        self.academies = {a.pk: a for a in Academy.objects.order_by("code")}
        self.departments = [
            d for d in Department.objects.order_by("code") if d.code in DEPARTMENT_PLACES
        ]
        self.department_by_code = {d.code: d for d in self.departments}
        self.places_by_department = {}
        for department in self.departments:
            cities = DEPARTMENT_PLACES[department.code][2]
            self.places_by_department[department.pk] = [
                _Place(department, *city) for city in cities
            ]
        self.department_cum = _cum(DEPARTMENT_PLACES[d.code][0] for d in self.departments)
        self.academy_departments = defaultdict(list)
        for department in self.departments:
            self.academy_departments[department.academy_id].append(department)
        self.tz_by_academy = {pk: a.tzinfo for pk, a in self.academies.items()}

        editions = [e for e in Edition.objects.order_by("year") if e.accepted_window()]
        if not editions:
            raise DemoSeedError(
                _("Aucune édition n'a de dates : impossible de dater les créneaux.")
            )
        current = edition_current()
        if current is None or current.accepted_window() is None:
            current = editions[-1]
        self.editions = editions
        self.current_edition = current
        # Growing participation over the years; the current edition weighs the most.
        growth = [0.0 if e.pk == current.pk else float(rank) for rank, e in enumerate(editions, 1)]
        others = sum(growth) or 1.0
        current_share = 0.38 if len(editions) > 1 else 1.0
        weights = [
            current_share if e.pk == current.pk else (1 - current_share) * w / others
            for e, w in zip(editions, growth, strict=True)
        ]
        self.edition_cum = _cum(weights)
        self.edition_days = {}
        for edition in editions:
            first, last = edition.accepted_window()
            week = (edition.starts_on or first, edition.ends_on or last)
            self.edition_days[edition.pk] = [
                (day, week[0] <= day <= week[1])
                for day in (
                    first + datetime.timedelta(days=n) for n in range((last - first).days + 1)
                )
            ]
        self.day_weights_cache = {}

        self.themes = list(Theme.objects.filter(is_active=True).order_by("position", "pk"))
        self.theme_cum = _cum(THEME_WEIGHTS.get(t.slug, 2) for t in self.themes)
        self.audiences = list(Audience.objects.filter(is_active=True).order_by("position", "pk"))
        self.audience_cum = _cum(AUDIENCE_WEIGHTS.get(a.slug, 3) for a in self.audiences)
        self.action_types = list(
            ActionType.objects.filter(is_active=True).order_by("position", "pk")
        )
        if not (self.themes and self.audiences and self.action_types and self.departments):
            raise DemoSeedError(
                _(
                    "Données de référence manquantes (départements, thématiques, publics, types "
                    "d'action) : lancez d'abord « manage.py migrate »."
                )
            )
        action_by_slug = {a.slug: a for a in self.action_types}
        self.action_choices = {}
        for kind, table in ACTION_WEIGHTS.items():
            items = [action_by_slug[s] for s in table if s in action_by_slug]
            weights = [table[a.slug] for a in items]
            if not items:
                items, weights = self.action_types, [1] * len(self.action_types)
            self.action_choices[kind] = (items, _cum(weights))
        self.enseignants = next((a for a in self.audiences if a.slug == "enseignants"), None)
        self.grand_public = next((a for a in self.audiences if a.slug == "grand-public"), None)
        self.school_audiences = [a for a in self.audiences if a.slug in ("collegiens", "lyceens")]

    # ---- pools and small helpers ------------------------------------------------------------

    def build_pools(self) -> None:
        fake = self.fake
        self.female_names = [fake.first_name_female() for _n in range(250)]
        self.male_names = [fake.first_name_male() for _n in range(250)]
        self.last_names = [fake.last_name() for _n in range(600)]
        self.street_names = [fake.street_name() for _n in range(400)]
        self.slug_cache: dict[str, str] = {}
        self.sector_cum = _cum(s[1] for s in SECTORS)
        self.size_cum = _cum(s[1] for s in SIZE_BANDS)
        self.kind_cum = _cum(k[1] for k in SCHOOL_KINDS)

    def _slug(self, text: str) -> str:
        slug = self.slug_cache.get(text)
        if slug is None:
            slug = self.slug_cache[text] = slugify(text).replace("-", "") or "x"
        return slug

    def _person(self) -> tuple[str, str]:
        names = self.female_names if self.rng.random() < 0.5 else self.male_names
        return self.rng.choice(names), self.rng.choice(self.last_names)

    def _email(self, first: str, last: str, domain: str) -> str:
        self.email_serial += 1
        return f"{self._slug(first)}.{self._slug(last)}.{self.email_serial}@{domain}".lower()

    def _phone(self, department_code: str) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            head = rng.choice(("06", "07"))
        elif department_code in OVERSEAS_PHONE_PREFIX:
            head = OVERSEAS_PHONE_PREFIX[department_code]
        elif department_code in ("75", "77", "78", "91", "92", "93", "94", "95"):
            head = "01"
        else:
            head = "0" + rng.choice("2345")
        digits = head + "".join(rng.choices("0123456789", k=10 - len(head)))
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))

    def _place(self, department) -> _Place:
        places = self.places_by_department[department.pk]
        # The first commune (mostly the préfecture) weighs more.
        return places[0] if self.rng.random() < 0.4 else self.rng.choice(places)

    def _jitter(self, place: _Place, spread: float) -> tuple[float, float]:
        rng = self.rng
        return (
            round(place.latitude + rng.uniform(-spread, spread), 6),
            round(place.longitude + rng.uniform(-spread, spread) * 1.4, 6),
        )

    def _street(self) -> str:
        return f"{self.rng.randint(1, 180)} {self.rng.choice(self.street_names)}"

    def _user(self, first: str, last: str, email: str, **extra) -> dict:
        joined = datetime.datetime(2017, 9, 1, tzinfo=datetime.UTC) + datetime.timedelta(
            minutes=self.rng.randint(0, 180 * 24 * 60)
        )
        if "password" not in extra:
            extra["password"] = f"!{self.rng.getrandbits(160):040x}"  # unusable
        return {
            "email": email,
            "first_name": first,
            "last_name": last,
            "date_joined": joined,
            "is_staff": False,
            "is_superuser": False,
            "is_national_staff": False,
            **extra,
        }

    # ---- territory participants -------------------------------------------------------------

    def build_schools(self) -> None:
        rng = self.rng
        used = defaultdict(set)
        for uai in School.objects.values_list("uai", flat=True).iterator():
            used[uai[:3]].add(uai[3:7])
        demo_department = self.department_by_code.get(DEMO_DEPARTMENT_CODE)
        # The demo teacher's collège first, then a collège and a lycée in every académie,
        # so that even a small demo has classes to register everywhere.
        forced = [(demo_department, SCHOOL_KINDS[0])] if demo_department else []
        for departments in self.academy_departments.values():
            weights = _cum(DEPARTMENT_PLACES[d.code][0] for d in departments)
            forced.append((self._pick(departments, weights), SCHOOL_KINDS[0]))
            forced.append((self._pick(departments, weights), rng.choice(SCHOOL_KINDS[1:])))
        schools = []
        for index in range(max(len(forced) + 10, round(self.n_events * 0.12))):
            if index < len(forced):
                department, (kind, _weight, group) = forced[index]
            else:
                department = self._pick(self.departments, self.department_cum)
                kind, _weight, group = self._pick(SCHOOL_KINDS, self.kind_cum)
            private = index > 0 and rng.random() < 0.18
            if private:
                namesake = rng.choice(PRIVATE_NAMESAKES)
            elif group == "pro":
                namesake = rng.choice(VOCATIONAL_NAMESAKES)
            else:
                namesake = rng.choice(SCHOOL_NAMESAKES)
            prefix = uai_build(department_code=department.code, number=0)[:3]
            taken = used[prefix]
            number = rng.randint(1, 9999)
            while f"{number:04d}" in taken:
                number = rng.randint(1, 9999)
            taken.add(f"{number:04d}")
            uai = uai_build(department_code=department.code, number=number)
            place = self._place(department)
            latitude, longitude = self._jitter(place, 0.025)
            schools.append(
                {
                    "uai": uai,
                    "name": f"{kind} {namesake}",
                    "kind": kind,
                    "sector": School.Sector.PRIVATE if private else School.Sector.PUBLIC,
                    "department_id": department.pk,
                    # Public schools (EPLE) have a SIREN "19" + the UAI digits.
                    "siret": "" if private else siret_build(siren8="19" + uai[1:7], nic4="0001"),
                    "address": self._street(),
                    "postcode": place.postcode,
                    "city": place.city,
                    "latitude": latitude,
                    "longitude": longitude,
                    "is_open": True,
                    "_group": group,
                    "_department": department,
                    "_academy_id": department.academy_id,
                }
            )
        self.writer.insert(School, schools)
        self.schools = schools
        self.demo_school = schools[0] if demo_department is not None else None
        self.schools_by_department_group = defaultdict(list)
        self.schools_by_academy_group = defaultdict(list)
        for school in schools:
            group = school["_group"]
            self.schools_by_department_group[(school["department_id"], group)].append(school)
            self.schools_by_academy_group[(school["_academy_id"], group)].append(school)

    def build_companies(self) -> None:
        rng = self.rng
        used_sirens = {s[:9] for s in Company.objects.values_list("siret", flat=True).iterator()}
        demo_department = self.department_by_code.get(DEMO_DEPARTMENT_CODE)
        demo_sector = next(s for s in SECTORS if s[0] == "25.62B")
        companies = []
        for index in range(max(30, round(self.n_events * 0.2))):
            if index == 0 and demo_department is not None:
                department, sector = demo_department, demo_sector
            else:
                department = self._pick(self.departments, self.department_cum)
                sector = self._pick(SECTORS, self.sector_cum)
            place = self._place(department)
            short = rng.choice(COMPANY_NAME_PATTERNS).format(
                word=rng.choice(sector[2]),
                surname=rng.choice(self.last_names),
                acronym="".join(rng.choices("ABCDEFGHIJKLMNOPRSTV", k=rng.randint(2, 4))),
                city_de=_de(place.city),
            )
            while True:
                siren8 = rng.choice("3456789") + f"{rng.randint(0, 9_999_999):07d}"
                siren = siren8 + luhn.calc_check_digit(siren8)
                if siren not in used_sirens and not siren.startswith("356000000"):
                    used_sirens.add(siren)
                    break
            nic4 = f"{rng.choice((1, 1, 1, 2, 3, 12, 25)):04d}"
            size_band = self._pick(SIZE_BANDS, self.size_cum)[0]
            latitude, longitude = self._jitter(place, 0.04)
            address = self._street()
            if rng.random() < 0.5:
                address = f"{address}, {rng.choice(INDUSTRIAL_ZONES)}"
            companies.append(
                {
                    "siret": siret_build(siren8=siren8, nic4=nic4),
                    "name": short + rng.choice(LEGAL_FORMS),
                    "naf_code": sector[0],
                    "size_band": size_band,
                    "department_id": department.pk,
                    "is_active": rng.random() < 0.97,
                    "address": address,
                    "postcode": place.postcode,
                    "city": place.city,
                    "latitude": latitude,
                    "longitude": longitude,
                    "_department": department,
                    "_short": short,
                    "_sector": sector,
                }
            )
        self.writer.insert(Company, companies)
        self.companies = companies
        self.demo_company = companies[0] if demo_department is not None else None
        # A few companies organize many events, most only one or two.
        self.company_cum = _cum(rng.paretovariate(1.6) for _company in companies)

    def build_users(self) -> None:
        rng = self.rng
        users, academy_staff, school_members, company_members = [], [], [], []
        demo_hash = make_password(DEMO_PASSWORD)  # hashed once for the four demo accounts

        admin = self._user(
            "Camille",
            "Administratrice",
            DEMO_ADMIN_EMAIL,
            password=demo_hash,
            is_staff=True,
            is_superuser=True,
            is_national_staff=True,
        )
        national = self._user(
            "Dominique",
            "Martel",
            f"equipe.nationale@{DEMO_EMAIL_DOMAIN}",
            is_staff=True,
            is_national_staff=True,
        )
        users += [admin, national]
        self.national_staff = [admin, national]

        self.staff_by_academy = defaultdict(list)
        for academy in self.academies.values():
            people = []
            if academy.code == DEMO_ACADEMY_CODE:
                people.append(
                    self._user(
                        "Claire",
                        "Moreau",
                        DEMO_ACADEMY_STAFF_EMAIL,
                        password=demo_hash,
                        is_staff=True,
                    )
                )
            for _n in range(rng.randint(2, 3)):
                first, last = self._person()
                email = self._email(first, last, f"ac-{academy.slug}.{DEMO_EMAIL_DOMAIN}")
                people.append(self._user(first, last, email, is_staff=True))
            users += people
            academy_staff += [(user, academy.pk) for user in people]
            self.staff_by_academy[academy.pk] = people

        self.teachers_by_school = {}
        self.staff_by_school = {}
        for school in self.schools:
            domain = f"ac-{self.academies[school['_academy_id']].slug}.{DEMO_EMAIL_DOMAIN}"
            if school is self.demo_school:
                teachers = [self._user("Julien", "Lefèvre", DEMO_TEACHER_EMAIL, password=demo_hash)]
            else:
                teachers = []
                for _n in range(rng.choices((1, 2, 3), weights=(50, 35, 15))[0]):
                    first, last = self._person()
                    teachers.append(self._user(first, last, self._email(first, last, domain)))
            staff = []
            if school is not self.demo_school and rng.random() < 0.25:
                first, last = self._person()
                staff.append(self._user(first, last, self._email(first, last, domain)))
            users += teachers + staff
            school_members += [(u, school, SchoolMembership.Role.TEACHER) for u in teachers]
            school_members += [(u, school, SchoolMembership.Role.STAFF) for u in staff]
            self.teachers_by_school[id(school)] = teachers
            self.staff_by_school[id(school)] = staff

        self.organizers_by_company = {}
        for company in self.companies:
            if company is self.demo_company:
                people = [self._user("Sophie", "Garnier", DEMO_ORGANIZER_EMAIL, password=demo_hash)]
                roles = [CompanyMembership.Role.MANAGER]
            else:
                domain = (
                    f"{slugify(company['_short'])[:40].strip('-') or 'entreprise'}"
                    f".{DEMO_EMAIL_DOMAIN}"
                )
                people, roles = [], []
                for position in range(1 if rng.random() < 0.8 else 2):
                    first, last = self._person()
                    people.append(self._user(first, last, self._email(first, last, domain)))
                    manager = position == 0 and rng.random() < 0.4
                    roles.append(
                        CompanyMembership.Role.MANAGER
                        if manager
                        else CompanyMembership.Role.ORGANIZER
                    )
            users += people
            company_members += list(zip(people, [company] * len(people), roles, strict=True))
            self.organizers_by_company[id(company)] = people

        # People of other structures (chambers, associations…): no membership.
        self.other_organizers = []
        for _n in range(max(3, self.n_events // 150)):
            first, last = self._person()
            email = self._email(first, last, f"asso.{DEMO_EMAIL_DOMAIN}")
            self.other_organizers.append(self._user(first, last, email))
        users += self.other_organizers

        self.writer.insert(User, users)
        self.writer.insert(
            AcademyStaff, [{"user_id": u["id"], "academy_id": a} for u, a in academy_staff]
        )
        self.writer.insert(
            SchoolMembership,
            [{"user_id": u["id"], "school_id": s["id"], "role": r} for u, s, r in school_members],
        )
        self.writer.insert(
            CompanyMembership,
            [{"user_id": u["id"], "company_id": c["id"], "role": r} for u, c, r in company_members],
        )

    def build_partnerships(self) -> None:
        rng = self.rng
        companies_by_department = defaultdict(list)
        for company in self.companies:
            companies_by_department[company["department_id"]].append(company)
        seen, partnerships = set(), []
        for _n in range(max(5, self.n_events // 10)):
            school = rng.choice(self.schools)
            company = rng.choice(
                companies_by_department.get(school["department_id"]) or self.companies
            )
            if (school["id"], company["id"]) in seen:
                continue
            seen.add((school["id"], company["id"]))
            partnerships.append(
                {
                    "school_id": school["id"],
                    "company_id": company["id"],
                    "since": datetime.date(rng.randint(2012, 2025), 9, 1),
                    "description": rng.choice(PARTNERSHIP_DESCRIPTIONS),
                }
            )
        self.writer.insert(Partnership, partnerships)

    # ---- events -----------------------------------------------------------------------------

    def _organizer(self, index: int):
        """(kind, company, school, organizer name, creator, department, place, display name)."""
        rng = self.rng
        if index < self.n_demo_events:
            kind = Event.OrganizerKind.COMPANY
            company = self.demo_company
        else:
            roll = rng.random()
            kind = (
                Event.OrganizerKind.COMPANY
                if roll < 0.8
                else Event.OrganizerKind.SCHOOL
                if roll < 0.94
                else Event.OrganizerKind.OTHER
            )
            company = self._pick(self.companies, self.company_cum) if kind == "company" else None
        if company is not None:
            place = _Place(
                company["_department"],
                company["city"],
                company["postcode"],
                company["latitude"],
                company["longitude"],
            )
            creator = rng.choice(self.organizers_by_company[id(company)])
            return kind, company, None, "", creator, place, company["_short"]
        if kind == Event.OrganizerKind.SCHOOL:
            school = rng.choice(self.schools)
            place = _Place(
                school["_department"],
                school["city"],
                school["postcode"],
                school["latitude"],
                school["longitude"],
            )
            members = self.staff_by_school[id(school)] or self.teachers_by_school[id(school)]
            return kind, None, school, "", rng.choice(members), place, school["name"]
        department = self._pick(self.departments, self.department_cum)
        commune = self._place(department)
        latitude, longitude = self._jitter(commune, 0.03)
        place = _Place(department, commune.city, commune.postcode, latitude, longitude)
        name = rng.choice(OTHER_ORGANIZERS).format(
            dept=department.name, city=commune.city, city_de=_de(commune.city)
        )
        return kind, None, None, name, rng.choice(self.other_organizers), place, name

    def _status(self, edition, index: int) -> str:
        if index < self.n_demo_events:
            return DEMO_EVENT_STATUSES[index % len(DEMO_EVENT_STATUSES)]
        table = CURRENT_STATUSES if edition.year >= self.current_edition.year else PAST_STATUSES
        return self._pick(*table)

    def _days(self, edition, for_classes: bool, weekend_ok: bool):
        """The days of the accepted window and their cumulated weights (cached)."""
        key = (edition.pk, for_classes, weekend_ok)
        cached = self.day_weights_cache.get(key)
        if cached is None:
            days = self.edition_days[edition.pk]
            weights = []
            for day, in_week in days:
                if day.weekday() == 6:
                    weight = 0.1 if weekend_ok else 0.0
                elif day.weekday() == 5:
                    weight = 2.0 if weekend_ok else (0.0 if for_classes else 0.2)
                else:
                    weight = 1.0
                weights.append(weight * (4.0 if in_week else 1.0))
            if not any(weights):
                weights = [1.0] * len(days)
            cached = self.day_weights_cache[key] = ([d for d, _w in days], _cum(weights))
        return cached

    def _sessions(self, edition, tz, action_slug: str, for_classes: bool, weekend_ok: bool):
        """1–4 (start, end) pairs at local hours, every day inside the accepted window."""
        rng = self.rng
        count = self._pick((1, 2, 3, 4), SESSION_COUNT_CUM)
        days, day_cum = self._days(edition, for_classes, weekend_ok)
        slots = SLOTS.get(action_slug, DEFAULT_SLOTS)
        chosen = set()
        for _n in range(count * 4):
            chosen.add((self._pick(days, day_cum), rng.choice(slots)))
            if len(chosen) == count:
                break
        sessions = []
        for day, (hour, minute, minutes) in sorted(chosen):
            start = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
            sessions.append((start, start + datetime.timedelta(minutes=minutes)))
        return sessions

    def _timeline(self, status: str, first_start, creator, moderators, covid_cancel):
        """created_at and the transitions (at, from, to, by, reason) that lead to `status`."""
        rng = self.rng
        steps = []  # (from, to, by, reason)
        if status != Status.DRAFT:
            steps.append((Status.DRAFT, Status.SUBMITTED, creator, ""))
            changes_round = rng.random() < (0.2 if status == Status.SUBMITTED else 0.18)
            if changes_round or status == Status.CHANGES_REQUESTED:
                reason = rng.choice(CHANGES_REASONS)
                steps.append(
                    (Status.SUBMITTED, Status.CHANGES_REQUESTED, rng.choice(moderators), reason)
                )
                if status != Status.CHANGES_REQUESTED:
                    steps.append((Status.CHANGES_REQUESTED, Status.SUBMITTED, creator, ""))
            if status == Status.REJECTED:
                steps.append(
                    (
                        Status.SUBMITTED,
                        Status.REJECTED,
                        rng.choice(moderators),
                        rng.choice(REJECTION_REASONS),
                    )
                )
            elif status in (Status.PUBLISHED, Status.CANCELLED):
                steps.append((Status.SUBMITTED, Status.PUBLISHED, rng.choice(moderators), ""))
            if status == Status.CANCELLED and not covid_cancel:
                by = creator if rng.random() < 0.6 else rng.choice(moderators)
                steps.append(
                    (Status.PUBLISHED, Status.CANCELLED, by, rng.choice(CANCELLATION_REASONS))
                )
        # Everything happens before the first session, and never after now.
        end = min(first_start - 18 * HOUR, self.now - HOUR)
        if covid_cancel:
            end = min(end, covid_cancel - DAY)
        end -= datetime.timedelta(hours=rng.uniform(0, 72))
        span = datetime.timedelta(days=rng.uniform(12, 80))
        created = end - span
        gaps = [rng.uniform(0.2, 1.0) for _step in steps]
        total = sum(gaps) + rng.uniform(0.1, 0.6)
        transitions, elapsed = [], 0.0
        for gap, (from_status, to_status, by, reason) in zip(gaps, steps, strict=True):
            elapsed += gap
            at = created + span * (elapsed / total)
            transitions.append((at, from_status, to_status, by, reason))
        if covid_cancel:
            at = covid_cancel + datetime.timedelta(minutes=rng.randint(0, 4 * 24 * 60))
            transitions.append(
                (
                    at,
                    Status.PUBLISHED,
                    Status.CANCELLED,
                    rng.choice(self.national_staff),
                    COVID_REASON,
                )
            )
        return created, transitions

    def _texts(self, *, kind, action_slug, org, city, school, company, themes, edition):
        rng = self.rng
        sector = company["_sector"] if company else None
        jobs = sector[4] if sector else "les métiers de l'industrie"
        field = sector[3] if sector else "l'industrie"
        values = {
            "org": org,
            "Org": _sentence(org),
            "org_de": _de(org),
            "city_a": _a(city) if city else "",
            "city_de": _de(city) if city else "",
            "jobs": jobs,
            "Jobs": _sentence(jobs),
            "field": field,
            "school": school["name"] if school else "",
            "n": rng.choice((5, 8, 10, 12, 15, 20)),
            "year": edition.year,
            "hiring": rng.choice(HIRING),
        }
        if kind == Event.OrganizerKind.COMPANY:
            title = rng.choice(
                COMPANY_TITLES.get(action_slug) or COMPANY_TITLES["visite-entreprise"]
            )
            intro = INTRO_SENTENCES.get(action_slug, INTRO_SENTENCES["visite-entreprise"])
            practical, summaries = PRACTICAL_SENTENCES, SUMMARIES + COMPANY_SUMMARIES
        elif kind == Event.OrganizerKind.SCHOOL:
            title, intro = rng.choice(SCHOOL_TITLES), rng.choice(SCHOOL_INTROS)
            practical, summaries = VENUE_SENTENCES, SUMMARIES
        else:
            title, intro = rng.choice(OTHER_TITLES), rng.choice(OTHER_INTROS)
            practical, summaries = VENUE_SENTENCES, SUMMARIES
        sentences = [intro]
        if company is not None:
            low, high = SIZE_BAND_EMPLOYEES[company["size_band"]]
            sentences.append(
                f"Spécialisée dans {field}, l'entreprise emploie {rng.randint(low, high)} "
                "salariés et forme chaque année des apprentis."
            )
        variant = 0 if company is not None else 1
        sentences += [
            THEME_SENTENCES[t.slug][variant] for t in themes[:2] if t.slug in THEME_SENTENCES
        ]
        sentences.append(rng.choice(practical))
        title = " ".join(title.format(**values).split())[:200]
        description = " ".join(" ".join(sentences).format(**values).split())
        summary = " ".join(rng.choice(summaries).format(**values).split())[:300]
        return title, summary, description

    def build_events(self) -> None:
        rng = self.rng
        n = self.n_events
        self.n_demo_events = (
            min(len(DEMO_EVENT_STATUSES), max(4, n // 25), n) if self.demo_company else 0
        )
        events, self.event_plans = [], []
        n_themes, n_audiences = len(self.themes), len(self.audiences)
        title_slugs = {}
        indexes = range(n)
        bar = _progress_bar(n, _("préparation des événements"), enabled=self.progress)
        for index in indexes:
            if bar is not None and index % 1000 == 0:
                bar.update(min(1000, n - index))
            demo = index < self.n_demo_events
            edition = self.current_edition if demo else self._pick(self.editions, self.edition_cum)
            kind, company, school, org_name, creator, place, org = self._organizer(index)
            department = place.department
            academy_id = department.academy_id
            main_action = self._pick(*self.action_choices[kind])
            action_types = [main_action]
            if rng.random() < 0.2:
                extra = rng.choice(self.action_types)
                if extra is not main_action:
                    action_types.append(extra)
            slug = main_action.slug
            roll = rng.random()
            if slug == "webinaire-visite-virtuelle":
                event_format = Event.Format.ONLINE if roll < 0.8 else Event.Format.HYBRID
            elif demo or roll < 0.93:
                event_format = Event.Format.ONSITE
            else:
                event_format = Event.Format.HYBRID if roll < 0.97 else Event.Format.ONLINE
            themes = self._pick_distinct(
                self.themes, self.theme_cum, min(self._pick((1, 2, 3), ONE_TO_THREE_CUM), n_themes)
            )
            audiences = self._pick_distinct(
                self.audiences,
                self.audience_cum,
                min(self._pick((1, 2, 3), ONE_TO_THREE_CUM), n_audiences),
            )
            if demo:
                audiences = list(self.school_audiences)
            elif slug == "immersion-enseignants" and self.enseignants:
                audiences = [self.enseignants]
            elif (
                slug == "portes-ouvertes"
                and self.grand_public
                and self.grand_public not in audiences
                and len(audiences) < 3
                and rng.random() < 0.6
            ):
                audiences.append(self.grand_public)
            school_groups = sorted(
                {g for a in audiences for g in SCHOOL_AUDIENCE_GROUPS.get(a.slug, ())}
            )
            accepts_classes = bool(
                school_groups
                and event_format != Event.Format.ONLINE
                and (demo or rng.random() < 0.75)
            )
            weekend_ok = slug in ("portes-ouvertes", "forum-des-metiers") and not accepts_classes
            tz = self.tz_by_academy[academy_id]
            sessions = self._sessions(edition, tz, slug, accepts_classes, weekend_ok)
            status = self._status(edition, index)
            covid_cancel = COVID_CANCELLATIONS.get(edition.year)
            if not (
                covid_cancel
                and status == Status.PUBLISHED
                and event_format != Event.Format.ONLINE
                and covid_cancel < sessions[0][0]
            ):
                covid_cancel = None
            elif covid_cancel:
                status = Status.CANCELLED
            moderators = self.staff_by_academy.get(academy_id) or self.national_staff
            if rng.random() < 0.08:
                moderators = self.national_staff
            created, transitions = self._timeline(
                status, sessions[0][0], creator, moderators, covid_cancel
            )
            submitted_at = published_at = None
            moderation_message = ""
            for at, _from, to_status, _by, reason in transitions:
                if to_status == Status.SUBMITTED:
                    submitted_at = at
                elif to_status == Status.PUBLISHED:
                    published_at = at
                if to_status in (Status.CHANGES_REQUESTED, Status.REJECTED):
                    moderation_message = reason
            on_site = event_format != Event.Format.ONLINE
            title, summary, description = self._texts(
                kind=kind,
                action_slug=slug,
                org=org,
                city=place.city if on_site else "",
                school=school,
                company=company,
                themes=themes,
                edition=edition,
            )
            if not on_site:
                address = ""
            elif company is not None:
                address = company["address"]
            elif school is not None:
                address = school["address"]
            else:
                address = self._street()
            is_accessible = rng.random() < 0.6
            events.append(
                {
                    "edition_id": edition.pk,
                    "title": title,
                    "slug": title_slugs.get(title)
                    or title_slugs.setdefault(title, slugify(title)[:200] or "evenement"),
                    "summary": summary,
                    "description": description,
                    "organizer_kind": kind,
                    "company_id": company["id"] if company else None,
                    "school_id": school["id"] if school else None,
                    "organizer_name": org_name,
                    "created_by_id": creator["id"],
                    "contact_name": f"{creator['first_name']} {creator['last_name']}",
                    "contact_email": creator["email"],
                    "contact_phone": self._phone(department.code),
                    "academy_id": academy_id,
                    "department_id": department.pk,
                    "format": event_format,
                    "online_url": (
                        f"https://visio.example.fr/{self._slug(org)[:40]}-{edition.year}-{index}"
                        if event_format != Event.Format.ONSITE
                        else ""
                    ),
                    "address": address,
                    "postcode": place.postcode if on_site else "",
                    "city": place.city if on_site else "",
                    "latitude": place.latitude if on_site else None,
                    "longitude": place.longitude if on_site else None,
                    "is_accessible": is_accessible,
                    "accessibility_details": (
                        rng.choice(ACCESSIBILITY_DETAILS)
                        if is_accessible and rng.random() < 0.4
                        else ""
                    ),
                    # Labelling requires free events; a few refused ones were not.
                    "is_free": not (status == Status.REJECTED and rng.random() < 0.2),
                    "accepts_class_registrations": accepts_classes,
                    "registration_mode": (
                        Event.RegistrationMode.APPROVAL
                        if rng.random() < 0.25
                        else Event.RegistrationMode.AUTOMATIC
                    ),
                    "status": status,
                    "moderation_message": moderation_message,
                    "created_at": created,
                    "submitted_at": submitted_at,
                    "published_at": published_at,
                    "_edition": edition,
                }
            )
            self.event_plans.append(
                (sessions, themes, audiences, action_types, transitions, school_groups)
            )
        if bar is not None:
            bar.close()
        self.writer.insert(Event, events)
        self.events = events

    def build_event_children(self) -> None:
        rng = self.rng
        sessions, theme_links, audience_links, action_links, changes = [], [], [], [], []
        self.sessions_of = []
        for event, plan in zip(self.events, self.event_plans, strict=True):
            slots, themes, audiences, action_types, transitions, _groups = plan
            event_id = event["id"]
            if event["format"] == Event.Format.ONLINE:
                capacity = None if rng.random() < 0.7 else rng.randint(30, 60)
            elif rng.random() < (0.1 if event["accepts_class_registrations"] else 0.35):
                capacity = None
            else:
                capacity = rng.choice(CAPACITIES)
            notes = SESSION_NOTES if event["company_id"] else ("",)
            own = []
            for start, end in slots:
                session_capacity = capacity
                if capacity is not None and rng.random() < 0.3:
                    session_capacity = rng.randint(10, 60)
                own.append(
                    {
                        "event_id": event_id,
                        "starts_at": start,
                        "ends_at": end,
                        "capacity": session_capacity,
                        "note": rng.choice(notes),
                    }
                )
            sessions += own
            self.sessions_of.append(own)
            theme_links += [{"event_id": event_id, "theme_id": t.pk} for t in themes]
            audience_links += [{"event_id": event_id, "audience_id": a.pk} for a in audiences]
            action_links += [{"event_id": event_id, "actiontype_id": a.pk} for a in action_types]
            changes += [
                {
                    "event_id": event_id,
                    "by_id": by["id"],
                    "at": at,
                    "from_status": from_status,
                    "to_status": to_status,
                    "reason": reason,
                }
                for at, from_status, to_status, by, reason in transitions
            ]
        self.writer.insert(Session, sessions)
        self.writer.insert(Event.themes.through, theme_links, _("thématiques des événements"))
        self.writer.insert(Event.audiences.through, audience_links, _("publics des événements"))
        self.writer.insert(
            Event.action_types.through, action_links, _("types d'action des événements")
        )
        self.writer.insert(EventStatusChange, changes)

    # ---- registrations ----------------------------------------------------------------------

    def _registration_school(self, event, groups):
        rng = self.rng
        demo = self.demo_school
        if demo is not None and "college" in groups:
            is_demo_company = self.demo_company is not None and (
                event["company_id"] == self.demo_company["id"]
            )
            same_academy = event["academy_id"] == demo["_academy_id"]
            if (is_demo_company and rng.random() < 0.5) or (same_academy and rng.random() < 0.15):
                return demo
        group = rng.choice(groups)
        roll = rng.random()
        if roll < 0.75:
            candidates = self.schools_by_department_group.get((event["department_id"], group))
            if candidates:
                return rng.choice(candidates)
        candidates = self.schools_by_academy_group.get((event["academy_id"], group))
        if candidates and roll < 0.97:
            return rng.choice(candidates)
        return None

    def _class_name(self, level: str, group: str) -> str:
        rng = self.rng
        prefix = CLASS_PREFIX.get(level, "Groupe")
        if level in (Level.SIXIEME, Level.CINQUIEME, Level.QUATRIEME, Level.TROISIEME):
            return f"{prefix} {rng.choice('ABCDEFG')}"
        if level == Level.CAP:
            return f"{prefix} {rng.choice(CAP_TRACKS)} {rng.randint(1, 2)}"
        if level == Level.BTS:
            return f"{prefix} {rng.choice(BTS_TRACKS)} {rng.randint(1, 2)}"
        if group == "pro":
            return f"{prefix} {rng.choice(PRO_TRACKS)}"
        if rng.random() < 0.5:
            return f"{prefix} {rng.randint(1, 12)}"
        return f"{prefix} {rng.choice(LYCEE_TRACKS)}"

    def _session_requests(self, event, session, groups, levels, closes):
        """The class registration requests of one session, in order of arrival."""
        rng = self.rng
        count = self._pick((0, 1, 2, 3, 4, 5), REQUEST_COUNT_CUM)
        if session["capacity"] is not None:
            # Teachers see the places left: few requests overflow a small session.
            count = min(count, session["capacity"] // 18 + 1)
        moments = sorted(self._between(event["published_at"], closes) for _n in range(count))
        names_used, requests = set(), []
        for at in moments:
            school = self._registration_school(event, groups)
            if school is None:
                continue
            group = school["_group"]
            level = self._pick(*levels[group])
            name = self._class_name(level, group)
            if (school["id"], name) in names_used:
                name = f"{name} (groupe {len(names_used) + 2})"
            if (school["id"], name) in names_used:
                continue
            names_used.add((school["id"], name))
            students = rng.randint(12, 30)
            if session["capacity"] is not None:
                students = min(students, session["capacity"])
            requests.append(
                {
                    "session_id": session["id"],
                    "school_id": school["id"],
                    "teacher_id": rng.choice(self.teachers_by_school[id(school)])["id"],
                    "class_level": level,
                    "class_name": name,
                    "students": students,
                    "girls": (
                        None
                        if rng.random() < 0.12
                        else rng.binomialvariate(students, GIRL_SHARE[group])
                    ),
                    "accompanying_adults": max(1, min(4, round(students / 12))),
                    "needs": rng.choice(REGISTRATION_NEEDS),
                    "status": "",
                    "created_at": at,
                }
            )
        return requests

    def build_registrations(self) -> None:
        """Replays requests, approvals, refusals and cancellations of each session in order.

        The rules are those of events.services.registrations: automatic mode confirms while
        seats remain, then waitlists; approval mode keeps requests pending until the
        organizer approves (confirmed if it fits, else waitlisted) or declines; a cancelled
        confirmed class frees seats that go to the waiting list in order of request.
        """
        rng = self.rng
        registrations, history = [], []
        log = history.append
        levels = {
            g: ([lv for lv, _w in t], _cum(w for _lv, w in t)) for g, t in CLASS_LEVELS.items()
        }
        current_year = self.current_edition.year
        for event, plan, own in zip(self.events, self.event_plans, self.sessions_of, strict=True):
            if event["status"] != Status.PUBLISHED or not event["accepts_class_registrations"]:
                continue
            groups = plan[5]
            approval = event["registration_mode"] == Event.RegistrationMode.APPROVAL
            organizer_id = event["created_by_id"]
            keep_pending = event["_edition"].year >= current_year
            for session in own:
                closes = min(session["starts_at"] - 2 * HOUR, self.now)
                if closes <= event["published_at"]:
                    continue
                requests = self._session_requests(event, session, groups, levels, closes)
                if not requests:
                    continue
                actions = []  # (at, order, action, registration)
                for order, registration in enumerate(requests):
                    at = registration["created_at"]
                    actions.append((at, order, "create", registration))
                    if approval and not (keep_pending and rng.random() < 0.35):
                        resolve_at = self._between(at, min(at + 5 * DAY, closes))
                        actions.append((resolve_at, order, "resolve", registration))
                    if rng.random() < 0.08:
                        actions.append(
                            (self._between(at + HOUR, closes), order, "cancel", registration)
                        )
                actions.sort(key=lambda action: (action[0], action[1]))
                capacity = session["capacity"]
                confirmed = 0
                for at, _order, action, registration in actions:
                    previous = registration["status"]
                    fits = capacity is None or confirmed + registration["students"] <= capacity
                    if action == "create":
                        if approval:
                            status = RegStatus.PENDING
                        else:
                            status = RegStatus.CONFIRMED if fits else RegStatus.WAITLISTED
                        by, reason = registration["teacher_id"], ""
                    elif action == "resolve":
                        if previous != RegStatus.PENDING:
                            continue
                        by, reason = organizer_id, ""
                        if rng.random() < 0.12:
                            status, reason = RegStatus.DECLINED, rng.choice(DECLINE_REASONS)
                        else:
                            status = RegStatus.CONFIRMED if fits else RegStatus.WAITLISTED
                    else:
                        if previous not in ClassRegistration.ACTIVE_STATUSES:
                            continue
                        status = RegStatus.CANCELLED
                        by, reason = registration["teacher_id"], rng.choice(CANCEL_REASONS)
                    registration["status"] = status
                    log((registration, by, at, previous, status, reason))
                    if status == RegStatus.CONFIRMED:
                        confirmed += registration["students"]
                    elif previous == RegStatus.CONFIRMED:  # a confirmed class cancelled
                        confirmed -= registration["students"]
                        for waiting in requests:
                            if waiting["status"] == RegStatus.WAITLISTED and (
                                capacity is None or confirmed + waiting["students"] <= capacity
                            ):
                                waiting["status"] = RegStatus.CONFIRMED
                                confirmed += waiting["students"]
                                log(
                                    (
                                        waiting,
                                        by,
                                        at,
                                        RegStatus.WAITLISTED,
                                        RegStatus.CONFIRMED,
                                        PLACE_FREED_REASON,
                                    )
                                )
                registrations += requests
        self.writer.insert(ClassRegistration, registrations)
        self.writer.insert(
            RegistrationStatusChange,
            [
                {
                    "registration_id": registration["id"],
                    "by_id": by,
                    "at": at,
                    "from_status": from_status,
                    "to_status": to_status,
                    "reason": reason,
                }
                for registration, by, at, from_status, to_status, reason in history
            ],
        )

    # ---- all together -----------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        postgres = connection.vendor == "postgresql"
        # Millions of live rows would make the cyclic garbage collector rescan them over and
        # over (quadratic time); none of them forms a cycle.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._run(postgres)
        finally:
            if gc_was_enabled:
                gc.enable()

    def _run(self, postgres: bool) -> dict[str, int]:
        with transaction.atomic():
            self.load_reference()
            self.build_pools()
            with _postgres_bulk_load(LOADED_MODELS) if postgres else nullcontext():
                self.build_schools()
                self.build_companies()
                self.build_users()
                self.build_partnerships()
                self.build_events()
                self.build_event_children()
                self.build_registrations()
            transaction.on_commit(public_cache_invalidate)
        if postgres:
            # Fresh planner statistics: without them the first queries on a million new rows
            # pick poor plans until autovacuum comes by (full-text search 40 times slower).
            tables = ", ".join(_quote(model._meta.db_table) for model in LOADED_MODELS)
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {tables}")
        return dict(self.writer.counts)


def demo_accounts_exist() -> bool:
    return User.objects.filter(email=DEMO_ADMIN_EMAIL).exists()


def demo_data_exists() -> bool:
    """The demo accounts are there, or the database already holds events."""
    return demo_accounts_exist() or Event.objects.exists()


def demo_seed(*, events: int, seed: int, progress: bool = False) -> dict[str, int]:
    """Create `events` events and everything around them, in one transaction.

    Deterministic for a given seed and database content. Returns the number of rows written
    per model label ("events.Event": 500, "events.Event_themes": 1000, …).
    """
    if events < 1:
        raise DemoSeedError(_("Le nombre d'événements doit être au moins 1."))
    if demo_accounts_exist():
        raise DemoSeedError(
            _(
                "Les données de démonstration existent déjà (compte %(email)s). Utilisez une "
                "base vide, ou --if-empty pour ne rien faire dans ce cas."
            )
            % {"email": DEMO_ADMIN_EMAIL}
        )
    return DemoBuilder(events=events, seed=seed, progress=progress).run()
