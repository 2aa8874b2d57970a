/**
 * Static pools for the demo county generator (demo-county.generator.ts). Names of departments follow the 2016
 * configuration of a Hunan county (e.g. 县卫计局, 县农业局, 县纪委; the 2018-2019 reforms renamed them to 县卫健委,
 * 县农业农村局, 县纪委监委). Parks other than 星沙产业基地 and 黄花综合保税区, project sites, merged village names
 * and all people are fictional.
 */

/** Weighted surnames (rough national frequencies, nudged towards Hunan: 刘, 彭, 谭, 唐, 曾, 罗, 易, 欧阳). */
export const SURNAMES: readonly [string, number][] = [
  ['王', 70], ['李', 72], ['张', 66], ['刘', 70], ['陈', 50], ['杨', 30], ['黄', 24], ['赵', 20], ['周', 22], ['吴', 16],
  ['徐', 13], ['孙', 12], ['胡', 15], ['朱', 12], ['高', 11], ['林', 10], ['何', 12], ['郭', 10], ['马', 8], ['罗', 16],
  ['梁', 8], ['宋', 8], ['郑', 7], ['谢', 10], ['韩', 6], ['唐', 14], ['冯', 6], ['于', 4], ['董', 5], ['萧', 4],
  ['程', 5], ['曹', 6], ['袁', 6], ['邓', 10], ['许', 5], ['傅', 4], ['沈', 4], ['曾', 12], ['彭', 14], ['吕', 4],
  ['苏', 4], ['卢', 4], ['蒋', 6], ['蔡', 4], ['贾', 3], ['丁', 3], ['魏', 3], ['薛', 2], ['叶', 4], ['阎', 2],
  ['余', 5], ['潘', 4], ['杜', 3], ['戴', 5], ['夏', 4], ['钟', 4], ['汪', 3], ['田', 4], ['任', 3], ['姜', 3],
  ['范', 3], ['方', 3], ['石', 4], ['姚', 3], ['谭', 12], ['廖', 6], ['邹', 6], ['熊', 5], ['金', 2], ['陆', 2],
  ['郝', 2], ['孔', 2], ['白', 2], ['崔', 2], ['康', 2], ['毛', 4], ['邱', 3], ['秦', 2], ['江', 3], ['史', 2],
  ['顾', 2], ['侯', 2], ['邵', 3], ['孟', 2], ['龙', 4], ['万', 2], ['段', 3], ['钱', 2], ['汤', 4], ['尹', 3],
  ['黎', 6], ['易', 8], ['常', 2], ['武', 2], ['乔', 1], ['贺', 6], ['赖', 2], ['龚', 4], ['文', 5], ['欧阳', 3],
];

/** Given-name characters: [male-leaning, female-leaning, neutral] (~150 in all). */
export const GIVEN_MALE = '伟强军勇杰涛斌波辉刚健明亮峰磊鹏飞平超宇浩俊武志国建海兵东宏光德旭锋龙翔振松坤毅彬凯成胜忠雄斌林军华庆'.split('');
export const GIVEN_FEMALE = '芳娟敏静丽艳娜霞燕玲婷慧颖琳雪倩洁梅兰萍莉琴蓉晶佳欣怡璐丹露薇雯妍媛瑶菲青珍凤秀'.split('');
export const GIVEN_NEUTRAL = '文中小晓云红英湘楚思一子家嘉天新春秋立清良安长永岳卫正若星阳凡益利和金玉宁泽睿晨博诚达远航智铭雨'.split('');

export type DeptKind = 'PARTY' | 'GOV' | 'MASS' | 'OTHER';

/**
 * County departments (县直单位): [full name, short name, head title, deputy title, kind, leaders, has Party group,
 * head is a county leader, extra titles]. `leaders` counts section-level posts (正职 + 副职 + extras).
 */
export type DeptSeed = {
  name: string;
  shortName: string;
  head: string;
  deputy: string;
  kind: DeptKind;
  leaders: number;
  partyGroup: boolean;
  headIsCountyLeader?: boolean;
  extras?: string[];
};

function d(name: string, shortName: string, head: string, deputy: string, kind: DeptKind, leaders: number, partyGroup: boolean, more: Partial<DeptSeed> = {}): DeptSeed {
  return { name, shortName, head, deputy, kind, leaders, partyGroup, ...more };
}

export const DEPARTMENTS: readonly DeptSeed[] = [
  d('中共长沙县委办公室', '县委办', '主任', '副主任', 'PARTY', 13, false),
  d('中共长沙县委组织部', '县委组织部', '部长', '副部长', 'PARTY', 12, false, { headIsCountyLeader: true, extras: ['常务副部长'] }),
  d('中共长沙县委宣传部', '县委宣传部', '部长', '副部长', 'PARTY', 10, false, { headIsCountyLeader: true, extras: ['常务副部长'] }),
  d('中共长沙县委统一战线工作部', '县委统战部', '部长', '副部长', 'PARTY', 9, false, { headIsCountyLeader: true, extras: ['常务副部长'] }),
  d('中共长沙县委政法委员会', '县委政法委', '书记', '副书记', 'PARTY', 9, false, { headIsCountyLeader: true, extras: ['常务副书记'] }),
  d('中共长沙县纪律检查委员会', '县纪委', '书记', '副书记', 'PARTY', 13, false, { headIsCountyLeader: true, extras: ['常务委员'] }),
  d('中共长沙县委机构编制委员会办公室', '县编办', '主任', '副主任', 'PARTY', 8, false),
  d('中共长沙县直属机关工作委员会', '县直机关工委', '书记', '副书记', 'PARTY', 8, false),
  d('中共长沙县委党校', '县委党校', '常务副校长', '副校长', 'PARTY', 9, false),
  d('中共长沙县委政策研究室', '县委政研室', '主任', '副主任', 'PARTY', 8, false),
  d('中共长沙县委老干部局', '县委老干局', '局长', '副局长', 'PARTY', 8, false),
  d('长沙县人大常委会办公室', '县人大办', '主任', '副主任', 'OTHER', 9, false),
  d('政协长沙县委员会办公室', '县政协办', '主任', '副主任', 'OTHER', 8, false),
  d('长沙县人民政府办公室', '县政府办', '主任', '副主任', 'GOV', 14, true),
  d('长沙县发展和改革局', '县发改局', '局长', '副局长', 'GOV', 13, true, { extras: ['总经济师'] }),
  d('长沙县财政局', '县财政局', '局长', '副局长', 'GOV', 14, true, { extras: ['总会计师'] }),
  d('长沙县教育局', '县教育局', '局长', '副局长', 'GOV', 14, true, { extras: ['总督学'] }),
  d('长沙县科学技术局', '县科技局', '局长', '副局长', 'GOV', 10, true),
  d('长沙县经济和信息化局', '县经信局', '局长', '副局长', 'GOV', 12, true),
  d('长沙县公安局', '县公安局', '局长', '副局长', 'GOV', 16, true, { extras: ['政治委员'] }),
  d('长沙县民政局', '县民政局', '局长', '副局长', 'GOV', 11, true),
  d('长沙县司法局', '县司法局', '局长', '副局长', 'GOV', 10, true),
  d('长沙县人力资源和社会保障局', '县人社局', '局长', '副局长', 'GOV', 12, true),
  d('长沙县国土资源局', '县国土局', '局长', '副局长', 'GOV', 14, true),
  d('长沙县环境保护局', '县环保局', '局长', '副局长', 'GOV', 12, true),
  d('长沙县住房和城乡建设局', '县住建局', '局长', '副局长', 'GOV', 14, true, { extras: ['总工程师'] }),
  d('长沙县交通运输局', '县交通局', '局长', '副局长', 'GOV', 12, true),
  d('长沙县水务局', '县水务局', '局长', '副局长', 'GOV', 12, true),
  d('长沙县农业局', '县农业局', '局长', '副局长', 'GOV', 13, true),
  d('长沙县林业局', '县林业局', '局长', '副局长', 'GOV', 10, true),
  d('长沙县商务局', '县商务局', '局长', '副局长', 'GOV', 10, true),
  d('长沙县文体广电新闻出版局', '县文体广新局', '局长', '副局长', 'GOV', 10, true),
  d('长沙县卫生和计划生育局', '县卫计局', '局长', '副局长', 'GOV', 14, true),
  d('长沙县审计局', '县审计局', '局长', '副局长', 'GOV', 10, true),
  d('长沙县统计局', '县统计局', '局长', '副局长', 'GOV', 9, true),
  d('长沙县市场监督管理局', '县市场监管局', '局长', '副局长', 'GOV', 13, true),
  d('长沙县安全生产监督管理局', '县安监局', '局长', '副局长', 'GOV', 10, true),
  d('长沙县城乡规划局', '县规划局', '局长', '副局长', 'GOV', 10, true),
  d('长沙县城市管理和行政执法局', '县城管执法局', '局长', '副局长', 'GOV', 12, true),
  d('长沙县人民政府金融工作办公室', '县金融办', '主任', '副主任', 'GOV', 8, false),
  d('长沙县人民政府法制办公室', '县法制办', '主任', '副主任', 'GOV', 7, false),
  d('长沙县信访局', '县信访局', '局长', '副局长', 'GOV', 9, true),
  d('长沙县旅游局', '县旅游局', '局长', '副局长', 'GOV', 8, true),
  d('长沙县机关事务管理局', '县机关事务局', '局长', '副局长', 'GOV', 8, true),
  d('长沙县人民防空办公室', '县人防办', '主任', '副主任', 'GOV', 7, false),
  d('长沙县粮食局', '县粮食局', '局长', '副局长', 'GOV', 8, true),
  d('长沙县畜牧水产局', '县畜牧水产局', '局长', '副局长', 'GOV', 8, true),
  d('长沙县农业机械管理局', '县农机局', '局长', '副局长', 'GOV', 7, true),
  d('长沙县供销合作社联合社', '县供销社', '主任', '副主任', 'GOV', 8, true),
  d('长沙县档案局', '县档案局', '局长', '副局长', 'GOV', 8, true),
  d('长沙县人民政府政务服务中心', '县政务中心', '主任', '副主任', 'GOV', 8, false),
  d('长沙县国有资产监督管理局', '县国资局', '局长', '副局长', 'GOV', 8, true),
  d('长沙县扶贫开发办公室', '县扶贫办', '主任', '副主任', 'GOV', 7, false),
  d('长沙县重点项目建设管理办公室', '县重点办', '主任', '副主任', 'GOV', 8, false),
  d('长沙县征地拆迁管理办公室', '县征拆办', '主任', '副主任', 'GOV', 9, true),
  d('长沙县移民事务局', '县移民局', '局长', '副局长', 'GOV', 7, false),
  d('长沙县总工会', '县总工会', '主席', '副主席', 'MASS', 8, true),
  d('共青团长沙县委员会', '团县委', '书记', '副书记', 'MASS', 7, false),
  d('长沙县妇女联合会', '县妇联', '主席', '副主席', 'MASS', 7, true),
  d('长沙县科学技术协会', '县科协', '主席', '副主席', 'MASS', 7, true),
  d('长沙县文学艺术界联合会', '县文联', '主席', '副主席', 'MASS', 6, false),
  d('长沙县残疾人联合会', '县残联', '理事长', '副理事长', 'MASS', 7, true),
  d('长沙县工商业联合会', '县工商联', '主席', '副主席', 'MASS', 7, true),
  d('长沙县人民法院', '县法院', '院长', '副院长', 'OTHER', 13, true),
  d('长沙县人民检察院', '县检察院', '检察长', '副检察长', 'OTHER', 11, true),
];

/** The 8 industrial parks: [name, short name, under the development zone?, validFrom]. */
export const PARKS: readonly [string, string, boolean, string][] = [
  ['星沙产业基地', '星沙基地', true, '2004-06-01'],
  ['黄花综合保税区', '综保区', false, '2010-01-01'],
  ['星沙汽车产业园', '汽车园', true, '2009-03-01'],
  ['长沙县先进制造业园', '制造园', true, '2010-05-01'],
  ['黄花临空产业园', '临空园', false, '2010-09-01'],
  ['㮾梨工业园', '㮾梨园', false, '2006-01-01'],
  ['金井茶业产业园', '茶业园', false, '2008-04-01'],
  ['春华现代农业产业园', '农业园', false, '2009-01-01'],
];

/** The 22 key project sites with temporary Party branches: [site name, park index or town code]. */
export const PROJECT_SITES: readonly [string, number | string][] = [
  ['黄花综合保税区一期围网工程', 1], ['黄花综合保税区征地拆迁', 1], ['黄花综合保税区保税物流中心', 1], ['黄花机场改扩建配套工程', '430121105'],
  ['临空产业园标准厂房', 4], ['星沙产业基地智能制造项目', 0], ['星沙汽车产业园整车扩能项目', 2], ['汽车零部件配套产业园', 2],
  ['先进制造业园工程机械项目', 3], ['㮾梨工业园污水处理厂', 5], ['金井茶叶加工中心', 6], ['春华农业科技示范园', 7],
  ['黄兴大道北延线', '430121102'], ['江背镇集镇提质改造', '430121104'], ['果园镇浔龙河生态小镇', '430121107'], ['路口镇中小学标准化建设', '430121108'],
  ['高桥镇农村公路提质改造', '430121109'], ['福临镇影珠山旅游公路', '430121111'], ['青山铺镇水库除险加固', '430121112'], ['安沙镇物流园道路', '430121113'],
  ['北山镇农村安全饮水工程', '430121114'], ['开慧镇红色旅游景区提质', '430121116'],
];

/** Villages merged in 2016 (并村): [town code, kept village name, old village name (fictional)]. */
export const MERGED_VILLAGES: readonly [string, string, string][] = [
  ['430121105', '黄花村', '杨梓村'], ['430121105', '银龙村', '白石村'], ['430121105', '华湘村', '湘福村'],
  ['430121110', '金龙村', '庙前村'], ['430121110', '湘丰村', '茶园村'], ['430121116', '开慧村', '板仓村'],
  ['430121116', '白沙村', '兴隆村'], ['430121114', '北山村', '莲花村'], ['430121113', '和平村', '毛塘村'],
  ['430121104', '五福村', '双江村'], ['430121106', '九木村', '杉木村'], ['430121109', '金桥村', '桥头村'],
];

/** GB/T 2260 codes used for birthplaces: Changsha districts/counties and other Hunan places. */
export const HUNAN_REGIONS: readonly string[] = [
  '430102', '430103', '430104', '430105', '430111', '430112', '430124', '430181', '430202', '430281', '430302', '430321',
  '430381', '430405', '430482', '430502', '430521', '430522', '430602', '430621', '430626', '430681', '430702', '430723',
  '430902', '430921', '430981', '431002', '431121', '431202', '431302', '431381',
];

/** Birthplaces for Tujia (15) and Miao (06) cadres: 湘西州 and 张家界. */
export const MINORITY_REGIONS: readonly string[] = ['433101', '433122', '433124', '433125', '433127', '430802', '430822'];

export const PHONE_PREFIXES: readonly string[] = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '173', '177', '180', '182', '183', '185', '186', '187', '188', '189', '199'];

export const SPECIALTIES: readonly string[] = [
  '汉语言文学', '行政管理', '法学', '农学', '经济学', '土木工程', '会计学', '计算机科学与技术', '思想政治教育', '农业经济管理',
  '城乡规划', '工商管理', '公共管理', '水利水电工程', '历史学', '新闻学', '财政学', '社会学', '环境工程', '金融学',
  '英语', '数学与应用数学', '机械设计制造及其自动化', '园林', '临床医学', '党政管理', '交通运输', '茶学',
];

/** Town team (乡镇领导班子) posts: [title for a town, title for a street, rank, principal]. */
export const TOWN_TEAM: readonly [string, string, 'SECTION' | 'DEPUTY_SECTION', boolean][] = [
  ['党委书记', '党工委书记', 'SECTION', true],
  ['镇长', '办事处主任', 'SECTION', true],
  ['党委副书记', '党工委副书记', 'SECTION', false],
  ['人大主席', '人大工委主任', 'SECTION', false],
  ['纪委书记', '纪工委书记', 'DEPUTY_SECTION', false],
  ['组织委员', '组织委员', 'DEPUTY_SECTION', false],
  ['宣传委员', '宣传委员', 'DEPUTY_SECTION', false],
  ['武装部长', '武装部长', 'DEPUTY_SECTION', false],
  ['政法委员', '政法委员', 'DEPUTY_SECTION', false],
  ['副镇长', '办事处副主任', 'DEPUTY_SECTION', false],
  ['副镇长', '办事处副主任', 'DEPUTY_SECTION', false],
  ['副镇长', '办事处副主任', 'DEPUTY_SECTION', false],
];

/** Town organ staff posts (非领导职务 and 站所负责人). */
export const TOWN_STAFF_TITLES: readonly string[] = [
  '党政综合办公室科员', '党政综合办公室主任', '经济发展办公室科员', '经济发展办公室主任', '社会事务办公室科员', '财政所所长',
  '财政所科员', '社会治安综合治理办公室主任', '社会治安综合治理办公室科员', '规划建设环保办公室科员', '农业综合服务中心主任',
  '农业综合服务中心科员', '社会保障服务中心科员', '计划生育办公室科员', '纪委专干', '组织专干', '宣传专干', '团委书记',
  '妇联主席', '武装专干', '统计专干', '信访专干', '安全生产监督管理站站长', '党建办公室主任', '党建办公室科员', '政务服务中心科员',
];

/** County leaders (县级领导, managed by the city): [posts as (unit, title, principal)], rank. `DEPT:n` = DEPARTMENTS[n]. */
export const COUNTY_LEADERS: readonly { posts: [string, string, boolean][]; rank: 'COUNTY' | 'DEPUTY_COUNTY' }[] = [
  { posts: [['ROOT', '县委书记', true], ['DEV_ZONE', '党工委书记', true]], rank: 'COUNTY' },
  { posts: [['ROOT', '县委副书记', false], ['ROOT', '县长', true]], rank: 'COUNTY' },
  { posts: [['ROOT', '县委副书记', false]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '县委常委', false], ['ROOT', '常务副县长', false]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '县委常委', false], ['DEPT:1', '部长', true]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '县委常委', false], ['DEPT:5', '书记', true]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '县委常委', false], ['DEPT:2', '部长', true]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '县委常委', false], ['DEPT:3', '部长', true]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '县委常委', false], ['DEPT:4', '书记', true]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '县委常委', false], ['DEV_ZONE', '管委会主任', true]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '副县长', false]], rank: 'DEPUTY_COUNTY' },
  { posts: [['ROOT', '副县长', false]], rank: 'DEPUTY_COUNTY' },
];

/** Section-level posts of the development zone. */
export const DEV_ZONE_TEAM: readonly [string, 'SECTION' | 'DEPUTY_SECTION'][] = [
  ['党工委副书记', 'SECTION'], ['纪工委书记', 'SECTION'], ['管委会副主任', 'SECTION'], ['管委会副主任', 'SECTION'], ['管委会副主任', 'DEPUTY_SECTION'], ['党工委委员', 'DEPUTY_SECTION'],
];

/** Staff of the county organisation department (demo accounts of the sections bind to them). */
export const ORG_DEPT_STAFF: readonly [string, 'DEPUTY_SECTION' | 'CLERK'][] = [
  ['干部科科长', 'DEPUTY_SECTION'], ['干部科科员', 'CLERK'], ['干部监督科科长', 'DEPUTY_SECTION'], ['干部监督科科员', 'CLERK'],
  ['组织科科长', 'DEPUTY_SECTION'], ['组织科科员', 'CLERK'], ['办公室主任', 'DEPUTY_SECTION'], ['电教中心主任', 'CLERK'],
];

export const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;
