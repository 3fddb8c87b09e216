/**
 * Districts, their approximate centres (GCJ-02) and the GCJ-02 → WGS-84 conversion the photo
 * positions need: project locations come from Chinese map apps, photo GPS from phones.
 */
import { DISTRICTS } from '../../shared/domain/project';

export interface Place {
  district: string;
  /** The city the district belongs to (for responsible units and province-scale slicing). */
  city: string;
  lat: number;
  lng: number;
}

const HARBIN_CENTRES: Record<(typeof DISTRICTS)[number], [number, number]> = {
  道里区: [45.7645, 126.6032],
  南岗区: [45.7402, 126.6691],
  道外区: [45.7921, 126.6573],
  香坊区: [45.7131, 126.6825],
  平房区: [45.6012, 126.6389],
  松北区: [45.8153, 126.5524],
  呼兰区: [45.8891, 126.5878],
  阿城区: [45.5412, 126.9601],
  双城区: [45.3826, 126.3124],
  宾县: [45.7553, 127.4883],
  巴彦县: [46.0854, 127.4041],
  尚志市: [45.2185, 127.9654],
  五常市: [44.9322, 127.1702],
  延寿县: [45.4519, 128.3354],
  通河县: [45.9727, 128.7503],
  木兰县: [45.9509, 128.0453],
  依兰县: [46.3247, 129.5711],
  方正县: [45.8524, 128.8332],
};

export const HARBIN_PLACES: readonly Place[] = DISTRICTS.map((d) => ({
  district: d,
  city: '哈尔滨市',
  lat: HARBIN_CENTRES[d][0],
  lng: HARBIN_CENTRES[d][1],
}));

/** Other cities of Heilongjiang, a few districts/counties each, for the province-scale dataset. */
// prettier-ignore
const OTHER_CITIES: [string, number, number, string[]][] = [
  ['齐齐哈尔市', 47.3543, 123.9182, ['龙沙区', '建华区', '铁锋区', '富拉尔基区', '讷河市', '龙江县', '依安县', '克山县']],
  ['牡丹江市', 44.5517, 129.6331, ['东安区', '爱民区', '西安区', '阳明区', '海林市', '宁安市', '穆棱市', '绥芬河市', '东宁市']],
  ['佳木斯市', 46.7997, 130.3187, ['前进区', '向阳区', '东风区', '郊区', '桦南县', '桦川县', '汤原县', '富锦市', '同江市', '抚远市']],
  ['大庆市', 46.5896, 125.1037, ['萨尔图区', '让胡路区', '龙凤区', '红岗区', '大同区', '肇州县', '肇源县', '林甸县', '杜尔伯特蒙古族自治县']],
  ['鸡西市', 45.2950, 130.9697, ['鸡冠区', '恒山区', '城子河区', '虎林市', '密山市', '鸡东县']],
  ['双鸭山市', 46.6464, 131.1591, ['尖山区', '岭东区', '宝山区', '集贤县', '友谊县', '宝清县', '饶河县']],
  ['伊春市', 47.7275, 128.8410, ['伊美区', '乌翠区', '友好区', '金林区', '铁力市', '嘉荫县']],
  ['七台河市', 45.7710, 131.0030, ['桃山区', '新兴区', '茄子河区', '勃利县']],
  ['鹤岗市', 47.3499, 130.2977, ['向阳区', '工农区', '南山区', '兴山区', '萝北县', '绥滨县']],
  ['黑河市', 50.2450, 127.5286, ['爱辉区', '北安市', '五大连池市', '嫩江市', '逊克县', '孙吴县']],
  ['绥化市', 46.6530, 126.9688, ['北林区', '安达市', '肇东市', '海伦市', '望奎县', '兰西县', '青冈县', '庆安县', '明水县', '绥棱县']],
  ['大兴安岭地区', 52.3353, 124.7114, ['加格达奇区', '漠河市', '呼玛县', '塔河县']],
];

export const PROVINCE_PLACES: readonly Place[] = [
  ...HARBIN_PLACES,
  ...OTHER_CITIES.flatMap(([city, lat, lng, districts]) =>
    districts.map((d, i) => ({
      // Counties spread around the city centre; good enough for a demo map.
      district: `${city}${d}`,
      city,
      lat: lat + Math.sin(i * 2.4) * 0.35 * Math.min(1, i / 3),
      lng: lng + Math.cos(i * 2.4) * 0.45 * Math.min(1, i / 3),
    })),
  ),
];

/** The city a named project's district belongs to. */
export function cityOfDistrict(district: string): string {
  if ((DISTRICTS as readonly string[]).includes(district)) return '哈尔滨市';
  if (district.startsWith('佳木斯') || district.startsWith('桦')) return '佳木斯市';
  for (const [city] of OTHER_CITIES) if (district.startsWith(city)) return city;
  return '哈尔滨市';
}

/** District-level government, the usual responsible unit (责任单位). */
export function districtGovernment(district: string): string {
  if (district === '佳木斯市高新区') return '佳木斯高新技术产业开发区管委会';
  if (district === '松北区') return '哈尔滨新区管理委员会';
  const name = district.startsWith('桦') ? `佳木斯市${district}` : district;
  return `${name}人民政府`;
}
