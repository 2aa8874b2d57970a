/**
 * Reference catalogue seed data for `code_item` (codes are data, SPEC §2.3 "versioned reference catalogues").
 *
 * - EDUCATION: GB/T 4658-2006 学历代码 (2-digit; x0 = level, x1.. = completion status).
 * - DEGREE: GB/T 6864-2003 学位代码, top level only (the 3-digit subject codes are not needed yet).
 * - ETHNICITY: GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码, 01..56 plus 97/98. English names are the
 *   usual English ones (the standard's own romanisations are e.g. Zang, Uygur, Chosen, Man).
 * - KINSHIP: GB/T 4761-2008 家庭关系代码, the codes relevant to recusal, grouped into SPEC §2.2 relation classes
 *   by `relationClassOf`.
 *
 * Codes written from memory of the published tables. Entries whose code is NOT from the national standard are
 * listed in UNVERIFIED_CODES and carry "（本地扩展）" in their Chinese name; check them before production use.
 */
import type { CodeCatalog, KinshipRelation } from '../../../contracts/enums.ts';

export type CodeItemSeed = { catalog: CodeCatalog; code: string; nameZh: string; nameEn: string; sortOrder: number };

const EDUCATION: [string, string, string][] = [
  ['10', '研究生教育', 'Postgraduate education'],
  ['11', '博士研究生毕业', 'Doctoral graduate'],
  ['12', '博士研究生结业', 'Doctoral programme completed without degree'],
  ['13', '博士研究生肄业', 'Doctoral programme not completed'],
  ['14', '硕士研究生毕业', "Master's graduate"],
  ['15', '硕士研究生结业', "Master's programme completed without degree"],
  ['16', '硕士研究生肄业', "Master's programme not completed"],
  ['17', '研究生班毕业', 'Postgraduate class graduate'],
  ['18', '研究生班结业', 'Postgraduate class completed'],
  ['19', '研究生班肄业', 'Postgraduate class not completed'],
  ['20', '大学本科教育', 'Undergraduate education'],
  ['21', '大学本科毕业', "Bachelor's-level graduate"],
  ['22', '大学本科结业', 'Undergraduate programme completed'],
  ['23', '大学本科肄业', 'Undergraduate programme not completed'],
  ['28', '大学普通班毕业', 'University ordinary class graduate'],
  ['30', '大学专科教育', 'Junior college education'],
  ['31', '大学专科毕业', 'Junior college graduate'],
  ['32', '大学专科结业', 'Junior college programme completed'],
  ['33', '大学专科肄业', 'Junior college programme not completed'],
  ['40', '中等职业教育', 'Secondary vocational education'],
  ['41', '中等专科毕业', 'Secondary specialised school graduate'],
  ['44', '职业高中毕业', 'Vocational high school graduate'],
  ['47', '技工学校毕业', 'Technical school graduate'],
  ['60', '普通高级中学教育', 'Senior high school education'],
  ['61', '普通高中毕业', 'Senior high school graduate'],
  ['70', '初级中学教育', 'Junior high school education'],
  ['71', '初中毕业', 'Junior high school graduate'],
  ['80', '小学教育', 'Primary education'],
  ['81', '小学毕业', 'Primary school graduate'],
  ['90', '其他', 'Other'],
  // Party-school education (在职党校学历) is recorded in cadre files but has no GB/T 4658 code.
  ['1A', '中央党校研究生（本地扩展）', 'Central Party School postgraduate (local extension)'],
  ['1B', '省委党校研究生（本地扩展）', 'Provincial Party School postgraduate (local extension)'],
  ['2A', '中央党校大学（本地扩展）', 'Central Party School undergraduate (local extension)'],
  ['2B', '省委党校大学（本地扩展）', 'Provincial Party School undergraduate (local extension)'],
  ['3B', '省委党校大专（本地扩展）', 'Provincial Party School junior college (local extension)'],
];

const DEGREE: [string, string, string][] = [
  ['1', '名誉博士', 'Honorary doctorate'],
  ['2', '博士', 'Doctorate'],
  ['3', '硕士', "Master's degree"],
  ['4', '学士', "Bachelor's degree"],
];

const ETHNICITY: [string, string, string][] = [
  ['01', '汉族', 'Han'], ['02', '蒙古族', 'Mongol'], ['03', '回族', 'Hui'], ['04', '藏族', 'Tibetan'],
  ['05', '维吾尔族', 'Uyghur'], ['06', '苗族', 'Miao'], ['07', '彝族', 'Yi'], ['08', '壮族', 'Zhuang'],
  ['09', '布依族', 'Bouyei'], ['10', '朝鲜族', 'Korean'], ['11', '满族', 'Manchu'], ['12', '侗族', 'Dong'],
  ['13', '瑶族', 'Yao'], ['14', '白族', 'Bai'], ['15', '土家族', 'Tujia'], ['16', '哈尼族', 'Hani'],
  ['17', '哈萨克族', 'Kazakh'], ['18', '傣族', 'Dai'], ['19', '黎族', 'Li'], ['20', '傈僳族', 'Lisu'],
  ['21', '佤族', 'Va'], ['22', '畲族', 'She'], ['23', '高山族', 'Gaoshan'], ['24', '拉祜族', 'Lahu'],
  ['25', '水族', 'Sui'], ['26', '东乡族', 'Dongxiang'], ['27', '纳西族', 'Naxi'], ['28', '景颇族', 'Jingpo'],
  ['29', '柯尔克孜族', 'Kyrgyz'], ['30', '土族', 'Tu'], ['31', '达斡尔族', 'Daur'], ['32', '仫佬族', 'Mulao'],
  ['33', '羌族', 'Qiang'], ['34', '布朗族', 'Blang'], ['35', '撒拉族', 'Salar'], ['36', '毛南族', 'Maonan'],
  ['37', '仡佬族', 'Gelao'], ['38', '锡伯族', 'Xibe'], ['39', '阿昌族', 'Achang'], ['40', '普米族', 'Pumi'],
  ['41', '塔吉克族', 'Tajik'], ['42', '怒族', 'Nu'], ['43', '乌孜别克族', 'Uzbek'], ['44', '俄罗斯族', 'Russian'],
  ['45', '鄂温克族', 'Evenki'], ['46', '德昂族', "De'ang"], ['47', '保安族', 'Bonan'], ['48', '裕固族', 'Yugur'],
  ['49', '京族', 'Gin'], ['50', '塔塔尔族', 'Tatar'], ['51', '独龙族', 'Derung'], ['52', '鄂伦春族', 'Oroqen'],
  ['53', '赫哲族', 'Hezhen'], ['54', '门巴族', 'Monba'], ['55', '珞巴族', 'Lhoba'], ['56', '基诺族', 'Jino'],
  ['97', '其他未识别民族', 'Other (unrecognised)'],
  ['98', '外国血统中国籍人士', 'Chinese citizen of foreign origin'],
];

/** GB/T 4761-2008: code, Chinese name, English name, relation class. */
const KINSHIP: [string, string, string, KinshipRelation][] = [
  ['10', '配偶', 'Spouse', 'SPOUSE'],
  ['11', '夫', 'Husband', 'SPOUSE'],
  ['12', '妻', 'Wife', 'SPOUSE'],
  ['20', '子', 'Son', 'LINEAL_BLOOD'],
  ['21', '独生子', 'Only son', 'LINEAL_BLOOD'],
  ['22', '长子', 'Eldest son', 'LINEAL_BLOOD'],
  ['23', '次子', 'Second son', 'LINEAL_BLOOD'],
  ['27', '养子或继子', 'Adopted son or stepson', 'LINEAL_BLOOD'],
  ['28', '女婿', 'Son-in-law', 'NEAR_IN_LAW'],
  ['29', '其他儿子', 'Other son', 'LINEAL_BLOOD'],
  ['30', '女', 'Daughter', 'LINEAL_BLOOD'],
  ['31', '独生女', 'Only daughter', 'LINEAL_BLOOD'],
  ['32', '长女', 'Eldest daughter', 'LINEAL_BLOOD'],
  ['33', '次女', 'Second daughter', 'LINEAL_BLOOD'],
  ['37', '养女或继女', 'Adopted daughter or stepdaughter', 'LINEAL_BLOOD'],
  ['38', '儿媳', 'Daughter-in-law', 'NEAR_IN_LAW'],
  ['39', '其他女儿', 'Other daughter', 'LINEAL_BLOOD'],
  ['41', '孙子', "Son's son", 'LINEAL_BLOOD'],
  ['42', '孙女', "Son's daughter", 'LINEAL_BLOOD'],
  ['43', '外孙子', "Daughter's son", 'LINEAL_BLOOD'],
  ['44', '外孙女', "Daughter's daughter", 'LINEAL_BLOOD'],
  ['45', '孙媳妇或外孙媳妇', "Grandson's wife", 'NEAR_IN_LAW'],
  ['46', '孙女婿或外孙女婿', "Granddaughter's husband", 'NEAR_IN_LAW'],
  ['50', '父母', 'Parent', 'LINEAL_BLOOD'],
  ['51', '父亲', 'Father', 'LINEAL_BLOOD'],
  ['52', '母亲', 'Mother', 'LINEAL_BLOOD'],
  ['53', '公公', "Husband's father", 'NEAR_IN_LAW'],
  ['54', '婆婆', "Husband's mother", 'NEAR_IN_LAW'],
  ['55', '岳父', "Wife's father", 'NEAR_IN_LAW'],
  ['56', '岳母', "Wife's mother", 'NEAR_IN_LAW'],
  ['57', '继父或养父', 'Stepfather or adoptive father', 'LINEAL_BLOOD'],
  ['58', '继母或养母', 'Stepmother or adoptive mother', 'LINEAL_BLOOD'],
  ['61', '祖父', "Father's father", 'LINEAL_BLOOD'],
  ['62', '祖母', "Father's mother", 'LINEAL_BLOOD'],
  ['63', '外祖父', "Mother's father", 'LINEAL_BLOOD'],
  ['64', '外祖母', "Mother's mother", 'LINEAL_BLOOD'],
  ['71', '兄', 'Elder brother', 'COLLATERAL_3'],
  ['72', '嫂', "Elder brother's wife", 'NEAR_IN_LAW'],
  ['73', '弟', 'Younger brother', 'COLLATERAL_3'],
  ['74', '弟媳', "Younger brother's wife", 'NEAR_IN_LAW'],
  ['75', '姐姐', 'Elder sister', 'COLLATERAL_3'],
  ['76', '姐夫', "Elder sister's husband", 'NEAR_IN_LAW'],
  ['77', '妹妹', 'Younger sister', 'COLLATERAL_3'],
  ['78', '妹夫', "Younger sister's husband", 'NEAR_IN_LAW'],
  ['81', '伯父', "Father's elder brother", 'COLLATERAL_3'],
  ['82', '伯母', "Father's elder brother's wife", 'NEAR_IN_LAW'],
  ['83', '叔父', "Father's younger brother", 'COLLATERAL_3'],
  ['84', '婶母', "Father's younger brother's wife", 'NEAR_IN_LAW'],
  ['85', '舅父', "Mother's brother", 'COLLATERAL_3'],
  ['86', '舅母', "Mother's brother's wife", 'NEAR_IN_LAW'],
  ['87', '姨父', "Mother's sister's husband", 'NEAR_IN_LAW'],
  ['88', '姨母', "Mother's sister", 'COLLATERAL_3'],
  ['89', '姑父', "Father's sister's husband", 'NEAR_IN_LAW'],
  ['90', '姑母', "Father's sister", 'COLLATERAL_3'],
  ['91', '堂兄弟、堂姐妹', 'Paternal cousin', 'COLLATERAL_3'],
  ['92', '表兄弟、表姐妹', 'Maternal or cross cousin', 'COLLATERAL_3'],
  ['93', '侄子', "Brother's son", 'COLLATERAL_3'],
  ['94', '侄女', "Brother's daughter", 'COLLATERAL_3'],
  ['95', '外甥', "Sister's son", 'COLLATERAL_3'],
  ['96', '外甥女', "Sister's daughter", 'COLLATERAL_3'],
];

/** Codes that are not from the national standards (local extensions); see the file comment. */
export const UNVERIFIED_CODES: readonly { catalog: CodeCatalog; code: string }[] = EDUCATION.filter(([code]) => /[A-Z]/.test(code)).map(([code]) => ({ catalog: 'EDUCATION' as const, code }));

const RELATION_CLASS = new Map<string, KinshipRelation>(KINSHIP.map(([code, , , cls]) => [code, cls]));

/**
 * The SPEC §2.2 relation class of a GB/T 4761 code, or null for codes outside the recusal classes
 * (本人, 户主, 其他亲属, 非亲属 and unknown codes).
 */
export function relationClassOf(code: string): KinshipRelation | null {
  return RELATION_CLASS.get(code) ?? null;
}

/** Chinese name of a GB/T 4761 code in the catalogue. */
export function kinshipNameOf(code: string): string | null {
  return KINSHIP.find(([c]) => c === code)?.[1] ?? null;
}

function items(catalog: CodeCatalog, rows: [string, string, string, ...unknown[]][]): CodeItemSeed[] {
  return rows.map(([code, nameZh, nameEn], i) => ({ catalog, code, nameZh, nameEn, sortOrder: (i + 1) * 10 }));
}

export const CODE_ITEMS: CodeItemSeed[] = [
  ...items('EDUCATION', EDUCATION),
  ...items('DEGREE', DEGREE),
  ...items('ETHNICITY', ETHNICITY),
  ...items('KINSHIP', KINSHIP),
];
