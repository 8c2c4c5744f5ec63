// Interface strings in English and Arabic, the page direction, and names in the reader's language.
import { aboutTexts } from './aboutText.js';
import { editingTexts } from './editingText.js';

const strings = {
  en: {
    title: 'Force presence map', skipToMap: 'Skip to the map', region: 'Region', chooseRegion: 'Jump to a region…',
    layersAndLegend: 'Layers and legend', mapLabel: 'Map of force presence', details: 'Feature details',
    timeControls: 'Date', asOf: 'As of', play: 'Play', pause: 'Pause', stepBack: 'Step back', stepForward: 'Step forward',
    step: 'Step', day: 'day', month: 'month', year: 'year', dateSlider: 'Date slider',
    compare: 'Compare two dates', compareFrom: 'From', compareTo: 'To',
    layers: 'Layers', forces: 'Forces', showLayer: 'Show', legend: 'Legend', symbols: 'Symbols',
    approximateLegend: 'Dashed outline: approximate position', lowConfidenceLegend: 'Striped: low confidence',
    changes: 'Changes in view', appeared: 'Appeared', ended: 'Ended', persisted: 'Unchanged', between: 'Came and went in between',
    noChanges: 'No changes in the current view.',
    search: 'Search by name', searchPlaceholder: 'Search (English or Arabic)', noResults: 'No match', town: 'town',
    close: 'Close', name: 'Name', nameAr: 'Arabic name', actor: 'Force', kind: 'Kind', dates: 'Dates', present: 'present',
    confidence: 'Confidence', position: 'Position', approximate: 'Approximate position', exact: 'Site position',
    sources: 'Sources', notes: 'Notes', history: 'History', predecessor: 'Before', successor: 'After',
    confHigh: 'high — several strong sources', confMedium: 'medium — one reliable source', confLow: 'low — disputed, partisan or inferred',
    precisionMonth: 'month known', precisionYear: 'year known',
    export: 'Export', exportGeoJson: 'GeoJSON of the view', exportCsv: 'CSV of the view', exportPng: 'Image (PNG) with legend', print: 'Print',
    textList: 'What is on the map', andMore: 'and {n} more', nothingShown: 'Nothing is shown in this view.',
    loading: 'Loading…', shown: '{n} features shown', loadingLayer: 'Loading {layer}…',
    tiledCount: '{n} in all',
    tiledNote: '{layer} drawn from vector tiles', tooManyToList: 'More than {n} features in view: zoom in to list them.',
    tooManyToExport: '{layer}: more than {n} features in view; zoom in to export them.',
    aggregatedLegend: 'Several features nearby (count, colour of the most frequent force)',
    asOfCaption: 'As of {date}', compareCaption: 'Changes {from} → {to}',
    k_airBase: 'Air base', k_base: 'Base', k_outpost: 'Outpost', k_observationPost: 'Observation post', k_checkpoint: 'Checkpoint',
    k_encounter: 'Encounter (meeting, collision, stand-off)', k_strike: 'Strike or clash', k_patrolRoute: 'Patrol route',
    k_line: 'Line', k_zone: 'Zone or area',
    kind_air_base: 'air base', kind_base: 'base', kind_outpost: 'outpost', kind_observation_post: 'observation post',
    kind_checkpoint: 'checkpoint', kind_patrol_route: 'patrol route', kind_zone: 'zone', kind_line: 'line',
    kind_encounter: 'encounter', kind_collision: 'collision', kind_stand_off: 'stand-off', kind_strike: 'strike', kind_clash: 'clash',
    stackLabel: '{n} records here: {names}. Press Enter to spread them out.',
    eventsWindow: 'Events', onTheDay: 'on the day', lastDays: 'last {n} days',
    parties: 'Parties', lastConfirmed: 'Last confirmed', noDatedSource: 'no dated source',
    unconfirmedSince: 'Unconfirmed since {date}', unconfirmedNote: 'No source newer than {date}: more than {months} months before {view}.',
    unconfirmedLegend: 'Hollow: open-ended, unconfirmed for {months}+ months', splitLegend: 'Split colours: the parties of an encounter',
    daysBefore: '{n} days before {date}', today: 'today', siteHistory: 'Site history', siteHolders: 'Holders of this site over time',
    about: 'About', aboutTitle: 'About this map', aboutMethodTitle: 'Method', aboutLicenceTitle: 'Licence', apiReference: 'API reference',
    dataAsOf: 'Data as of {date}', citeView: 'Cite this view', copy: 'Copy',
    copied: 'Copied', citation: '{title}, {view}. {url} (accessed {today}).',
  },
  ar: {
    title: 'خريطة انتشار القوى', skipToMap: 'انتقل إلى الخريطة', region: 'المنطقة', chooseRegion: 'انتقل إلى منطقة…',
    layersAndLegend: 'الطبقات ومفتاح الخريطة', mapLabel: 'خريطة انتشار القوى', details: 'تفاصيل العنصر',
    timeControls: 'التاريخ', asOf: 'بتاريخ', play: 'تشغيل', pause: 'إيقاف', stepBack: 'خطوة إلى الوراء', stepForward: 'خطوة إلى الأمام',
    step: 'الخطوة', day: 'يوم', month: 'شهر', year: 'سنة', dateSlider: 'شريط التاريخ',
    compare: 'مقارنة تاريخين', compareFrom: 'من', compareTo: 'إلى',
    layers: 'الطبقات', forces: 'القوى', showLayer: 'إظهار', legend: 'مفتاح الخريطة', symbols: 'الرموز',
    approximateLegend: 'إطار متقطع: موقع تقريبي', lowConfidenceLegend: 'مخطط: ثقة منخفضة',
    changes: 'التغييرات في العرض', appeared: 'ظهر', ended: 'انتهى', persisted: 'بلا تغيير', between: 'ظهر وانتهى بين التاريخين',
    noChanges: 'لا تغييرات في العرض الحالي.',
    search: 'البحث بالاسم', searchPlaceholder: 'بحث (بالعربية أو الإنجليزية)', noResults: 'لا نتائج', town: 'بلدة',
    close: 'إغلاق', name: 'الاسم', nameAr: 'الاسم العربي', actor: 'القوة', kind: 'النوع', dates: 'التواريخ', present: 'حتى الآن',
    confidence: 'الثقة', position: 'الموقع', approximate: 'موقع تقريبي', exact: 'موقع الموقع نفسه',
    sources: 'المصادر', notes: 'ملاحظات', history: 'التاريخ', predecessor: 'قبل', successor: 'بعد',
    confHigh: 'عالية — عدة مصادر قوية', confMedium: 'متوسطة — مصدر واحد موثوق', confLow: 'منخفضة — متنازع عليها أو مستنتجة',
    precisionMonth: 'الشهر معروف', precisionYear: 'السنة معروفة',
    export: 'تصدير', exportGeoJson: 'GeoJSON للعرض', exportCsv: 'CSV للعرض', exportPng: 'صورة (PNG) مع المفتاح', print: 'طباعة',
    textList: 'ما يظهر على الخريطة', andMore: 'و{n} غيرها', nothingShown: 'لا شيء ظاهر في هذا العرض.',
    loading: 'جارٍ التحميل…', shown: '{n} عنصراً ظاهراً', loadingLayer: 'جارٍ تحميل {layer}…', tiledCount: '{n} إجمالاً',
    tiledNote: '{layer} مرسومة من مربعات متجهية', tooManyToList: 'أكثر من {n} عنصر في العرض: قرّب الخريطة لعرض قائمتها.',
    tooManyToExport: '{layer}: أكثر من {n} عنصر في العرض؛ قرّب الخريطة لتصديرها.',
    aggregatedLegend: 'عدة عناصر متقاربة (العدد، بلون القوة الأكثر تكراراً)', asOfCaption: 'بتاريخ {date}', compareCaption: 'التغييرات {from} ← {to}',
    k_airBase: 'قاعدة جوية', k_base: 'قاعدة', k_outpost: 'نقطة عسكرية', k_observationPost: 'نقطة مراقبة', k_checkpoint: 'حاجز',
    k_encounter: 'احتكاك (لقاء، تصادم، اعتراض)', k_strike: 'ضربة أو اشتباك', k_patrolRoute: 'مسار دورية',
    k_line: 'خط', k_zone: 'منطقة',
    kind_air_base: 'قاعدة جوية', kind_base: 'قاعدة', kind_outpost: 'نقطة عسكرية', kind_observation_post: 'نقطة مراقبة',
    kind_checkpoint: 'حاجز', kind_patrol_route: 'مسار دورية', kind_zone: 'منطقة', kind_line: 'خط',
    layer_bases: 'القواعد والنقاط العسكرية', layer_zones: 'المناطق والخطوط', layer_patrols: 'مسارات الدوريات',
    layer_encounters: 'الاحتكاكات والحوادث',
    kind_encounter: 'لقاء', kind_collision: 'تصادم', kind_stand_off: 'اعتراض', kind_strike: 'ضربة', kind_clash: 'اشتباك',
    stackLabel: '{n} سجلات هنا: {names}. اضغط Enter لفرزها.',
    eventsWindow: 'الأحداث', onTheDay: 'في اليوم نفسه', lastDays: 'آخر {n} يوماً',
    parties: 'الأطراف', lastConfirmed: 'آخر تأكيد', noDatedSource: 'لا مصدر مؤرخ',
    unconfirmedSince: 'غير مؤكد منذ {date}', unconfirmedNote: 'لا مصدر أحدث من {date}: أكثر من {months} شهراً قبل {view}.',
    unconfirmedLegend: 'مجوف: مفتوح النهاية وغير مؤكد منذ {months} شهراً أو أكثر', splitLegend: 'ألوان مقسومة: أطراف الاحتكاك',
    daysBefore: 'قبل {n} يوماً من {date}', today: 'اليوم', siteHistory: 'تاريخ الموقع', siteHolders: 'من سيطر على هذا الموقع عبر الزمن',
    about: 'حول الخريطة', aboutTitle: 'حول هذه الخريطة', aboutMethodTitle: 'المنهجية', aboutLicenceTitle: 'الرخصة', apiReference: 'مرجع الواجهة البرمجية',
    dataAsOf: 'البيانات حتى {date}', citeView: 'الاستشهاد بهذا العرض', copy: 'نسخ',
    copied: 'تم النسخ', citation: '{title}، {view}. {url} (تاريخ الاطلاع {today}).',
  },
};

for (const texts of [aboutTexts, editingTexts]) for (const lang of Object.keys(texts)) Object.assign(strings[lang], texts[lang]);

let current = 'en';

export const languages = Object.keys(strings);
export const language = () => current;

/** Sets the language and direction of the page and translates the static markup (data-i18n attributes). */
export function setLanguage(lang) {
  current = lang in strings ? lang : 'en';
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === 'ar' ? 'rtl' : 'ltr';
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

export function t(key, vars = {}) {
  const text = strings[current][key] ?? strings.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/** The name of anything with name/nameAr (features, actors, regions, towns) in the current language. */
export const localName = item => (current === 'ar' && item?.nameAr) || item?.name || '';

/** A layer's title: the server's (English) title, or its Arabic translation when there is one. */
export const layerTitle = collection => (current !== 'en' && strings[current]['layer_' + collection.id]) || collection.title;

export const kindName = kind => t('kind_' + String(kind ?? '').replace(/[ -]/g, '_'));

/**
 * Every date the page shows is written one way, in both languages: ISO 8601 as the sources give it (YYYY-MM-DD, or
 * YYYY-MM / YYYY when only the month or year is known) — the form the date field, the URL and the API use too.
 */
export function formatDate(iso) {
  return iso ? String(iso).slice(0, 10) : '';
}
