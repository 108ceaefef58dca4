"""The static pools of the demo data: territory, sectors, schools, people's and organizers'
names, schedules, reasons and weights. Plain data, read by the builder and the living set;
the French sentences of event descriptions are in `texts`."""

import datetime

from ..models import ClassRegistration, Event

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
    "38": (1280, (45.25, 5.55), (("Grenoble", "38000", 45.188, 5.724), ("Échirolles", "38130", 45.146, 5.716), ("Saint-Martin-d'Hères", "38400", 45.167, 5.765), ("Crolles", "38920", 45.284, 5.883), ("Voiron", "38500", 45.364, 5.589), ("Vienne", "38200", 45.525, 4.874), ("Bourgoin-Jallieu", "38300", 45.586, 5.273),)),  # noqa: E501
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
# The reasons logged with a transition, by the status it leads to (a status of the transition
# tables without reasons here gets GENERIC_REASON when the table requires one).
EVENT_REASONS = {
    Status.CHANGES_REQUESTED: CHANGES_REASONS,
    Status.REJECTED: REJECTION_REASONS,
    Status.CANCELLED: CANCELLATION_REASONS,
}
REGISTRATION_REASONS = {
    RegStatus.DECLINED: DECLINE_REASONS,
    RegStatus.CANCELLED: CANCEL_REASONS,
}
GENERIC_REASON = "Décision de l'équipe académique."

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
