package dev.estore.generator;

import java.util.List;

/**
  * Static shop vocabulary modelled on the REES46 multi-category store: category codes with a
  * traffic weight and a typical price, and the brands that plausibly sell in each branch.
  * Brands are listed most popular first, because the catalog picks them with a head-heavy skew.
  */
final class Taxonomy {

    /** A named category: {@code weight} is its relative share of views, {@code medianPrice} in currency units. */
    record Spec(String code, double weight, double medianPrice, String[] brands) {}

    static final String[] PHONE = brands("samsung apple xiaomi huawei oppo vivo honor nokia meizu realme oneplus sony zte alcatel bq inoi prestigio");
    static final String[] AUDIO = brands("jbl apple samsung sony xiaomi sennheiser marshall harper defender sven philips panasonic jvc edifier huawei yamaha");
    static final String[] VIDEO = brands("samsung lg sony philips haier xiaomi hyundai artel bbk thomson tcl panasonic canon nikon gopro");
    static final String[] CLOCK = brands("apple samsung casio garmin xiaomi huawei amazfit fossil tissot orient citizen skagen");
    static final String[] BIG_APPLIANCE = brands("bosch lg samsung indesit electrolux beko atlant haier whirlpool candy hotpoint-ariston gorenje midea artel liebherr zanussi siemens");
    static final String[] SMALL_APPLIANCE = brands("redmond polaris vitek tefal philips bosch scarlett braun delonghi kitfort moulinex elenberg xiaomi dyson rowenta starwind galaxy maxwell sinbo lumme");
    static final String[] CLIMATE = brands("oasis ballu ariston thermex electrolux timberk polaris aqua midea haier zanussi general royal vitek samsung dyson xiaomi karcher");
    static final String[] COMPUTER = brands("lenovo hp acer asus dell apple msi huawei xiaomi pulser prestigio microsoft gigabyte intel amd kingston sandisk logitech canon epson tp-link d-link");
    static final String[] FURNITURE = brands("brw sv lucente askona ormatek santeri cersanit ravak roca iddis grohe hansgrohe mebelev dauscher stool-group");
    static final String[] APPAREL = brands("baden respect nike adidas puma reebok new-balance skechers vans converse timberland rieker tamaris ecco salamander fila crocs");
    static final String[] TOOLS = brands("makita bosch dewalt interskol metabo einhell ryobi hammer sturm zubr grundfos gardena karcher vihr resanta patriot huter");
    static final String[] AUTO = brands("cordiant michelin nokian pirelli continental yokohama bridgestone hankook prology xiaomi neoline inspector starline sho-me berkut airline");
    static final String[] KIDS = brands("lego chicco hasbro mattel playmobil tomy smoby happy-baby cybex graco stels hot-wheels carrello peg-perego pampers huggies");
    static final String[] SPORT = brands("stels forward nordway torneo stern bradex housefit trek merida cube schwinn oxygen kettler spokey demix");
    static final String[] ACCESSORY = brands("samsonite xiaomi pierre-cardin tommy-hilfiger wenger victorinox polar tony-perotti sumdex dakine swissgear");
    static final String[] MEDICINE = brands("omron and b.well microlife little-doctor beurer armed cs-medica");
    static final String[] STATIONERY = brands("canon hp epson brother xerox kyocera pantum cactus erich-krause pilot");
    static final String[] YARD = brands("gardena karcher champion huter patriot husqvarna stiga greenworks daewoo hammer");
    /** Brands for the categories whose code is empty (cosmetics, tableware, tyres... in the real data). */
    static final String[] GENERIC = brands("shiseido creed luminarc redmond lucente cordiant gran-stone vitek tefal nivea loreal maybelline garnier dove "
            + "lancome dior chanel hugo-boss calvin-klein versace armani lacoste esprit tescoma bergner rondell pyrex zepter tupperware kelli "
            + "mayer-boch bekker vinzer regent attribute leifheit brabantia viking sv oasis respect baden nokian tigar viatti matador");

    static final List<Spec> NAMED = List.of(
            spec("electronics.smartphone", 250, 300, PHONE),
            spec("electronics.audio.headphone", 30, 60, AUDIO),
            spec("electronics.audio.subwoofer", 4, 120, AUDIO),
            spec("electronics.audio.acoustic", 5, 150, AUDIO),
            spec("electronics.audio.microphone", 1.5, 40, AUDIO),
            spec("electronics.audio.music_tools.piano", 1, 400, AUDIO),
            spec("electronics.video.tv", 25, 350, VIDEO),
            spec("electronics.video.projector", 1.5, 400, VIDEO),
            spec("electronics.camera.video", 2, 300, VIDEO),
            spec("electronics.camera.photo", 3, 500, VIDEO),
            spec("electronics.clocks", 20, 180, CLOCK),
            spec("electronics.tablet", 8, 250, PHONE),
            spec("electronics.telephone", 3, 30, PHONE),
            spec("appliances.kitchen.washer", 20, 320, BIG_APPLIANCE),
            spec("appliances.kitchen.refrigerators", 18, 450, BIG_APPLIANCE),
            spec("appliances.kitchen.dishwasher", 4, 350, BIG_APPLIANCE),
            spec("appliances.kitchen.oven", 3, 300, BIG_APPLIANCE),
            spec("appliances.kitchen.oven.electric", 1, 260, BIG_APPLIANCE),
            spec("appliances.kitchen.hob", 3, 250, BIG_APPLIANCE),
            spec("appliances.kitchen.hood", 3, 150, BIG_APPLIANCE),
            spec("appliances.kitchen.microwave", 6, 90, SMALL_APPLIANCE),
            spec("appliances.kitchen.kettle", 6, 30, SMALL_APPLIANCE),
            spec("appliances.kitchen.blender", 5, 45, SMALL_APPLIANCE),
            spec("appliances.kitchen.mixer", 4, 55, SMALL_APPLIANCE),
            spec("appliances.kitchen.meat_grinder", 4, 80, SMALL_APPLIANCE),
            spec("appliances.kitchen.coffee_machine", 4, 250, SMALL_APPLIANCE),
            spec("appliances.kitchen.coffee_grinder", 1, 35, SMALL_APPLIANCE),
            spec("appliances.kitchen.toster", 1.5, 30, SMALL_APPLIANCE),
            spec("appliances.kitchen.juicer", 1.2, 70, SMALL_APPLIANCE),
            spec("appliances.kitchen.grill", 2, 60, SMALL_APPLIANCE),
            spec("appliances.kitchen.steam_cooker", 1, 45, SMALL_APPLIANCE),
            spec("appliances.kitchen.multicooker", 3, 80, SMALL_APPLIANCE),
            spec("appliances.environment.vacuum", 15, 150, CLIMATE),
            spec("appliances.environment.air_heater", 10, 40, CLIMATE),
            spec("appliances.environment.water_heater", 8, 120, CLIMATE),
            spec("appliances.environment.air_conditioner", 5, 400, CLIMATE),
            spec("appliances.environment.fan", 2, 30, CLIMATE),
            spec("appliances.environment.climate", 1.5, 60, CLIMATE),
            spec("appliances.iron", 5, 40, SMALL_APPLIANCE),
            spec("appliances.sewing_machine", 1.5, 180, SMALL_APPLIANCE),
            spec("appliances.ironing_board", 1, 35, SMALL_APPLIANCE),
            spec("appliances.personal.hair_cutter", 3, 30, SMALL_APPLIANCE),
            spec("appliances.personal.massager", 1.5, 60, SMALL_APPLIANCE),
            spec("appliances.personal.scales", 1.5, 20, SMALL_APPLIANCE),
            spec("computers.notebook", 22, 600, COMPUTER),
            spec("computers.desktop", 8, 700, COMPUTER),
            spec("computers.ebooks", 1, 120, COMPUTER),
            spec("computers.peripherals.monitor", 4, 200, COMPUTER),
            spec("computers.peripherals.printer", 3, 180, COMPUTER),
            spec("computers.peripherals.mouse", 2, 15, COMPUTER),
            spec("computers.peripherals.keyboard", 1.5, 25, COMPUTER),
            spec("computers.peripherals.camera", 1, 40, COMPUTER),
            spec("computers.components.videocards", 4, 350, COMPUTER),
            spec("computers.components.cpu", 2, 250, COMPUTER),
            spec("computers.components.memory", 1.5, 60, COMPUTER),
            spec("computers.components.hdd", 2, 70, COMPUTER),
            spec("computers.components.motherboard", 1.5, 120, COMPUTER),
            spec("computers.components.power_supply", 1, 60, COMPUTER),
            spec("computers.components.cooler.cpu", 0.8, 30, COMPUTER),
            spec("computers.network.router", 2, 45, COMPUTER),
            spec("furniture.living_room.sofa", 4, 500, FURNITURE),
            spec("furniture.living_room.cabinet", 2, 200, FURNITURE),
            spec("furniture.living_room.chair", 2, 90, FURNITURE),
            spec("furniture.bedroom.bed", 4, 350, FURNITURE),
            spec("furniture.bedroom.pillow", 1, 25, FURNITURE),
            spec("furniture.bedroom.blanket", 1, 40, FURNITURE),
            spec("furniture.kitchen.table", 3, 150, FURNITURE),
            spec("furniture.kitchen.chair", 1.5, 60, FURNITURE),
            spec("furniture.bathroom.toilet", 2, 180, FURNITURE),
            spec("furniture.bathroom.bath", 1.5, 300, FURNITURE),
            spec("furniture.universal.light", 1.5, 50, FURNITURE),
            spec("construction.components.plumbing.faucet", 2, 70, FURNITURE),
            spec("apparel.shoes", 8, 80, APPAREL),
            spec("apparel.shoes.keds", 6, 90, APPAREL),
            spec("apparel.shoes.sandals", 2, 50, APPAREL),
            spec("apparel.shoes.slipons", 1.5, 50, APPAREL),
            spec("apparel.shoes.step_ins", 1, 60, APPAREL),
            spec("apparel.shirt", 2, 30, APPAREL),
            spec("apparel.trousers", 2, 45, APPAREL),
            spec("apparel.jeans", 1.5, 60, APPAREL),
            spec("apparel.costume", 1.2, 100, APPAREL),
            spec("apparel.sock", 1, 8, APPAREL),
            spec("apparel.glove", 0.8, 20, APPAREL),
            spec("construction.tools.drill", 4, 90, TOOLS),
            spec("construction.tools.saw", 2, 120, TOOLS),
            spec("construction.tools.welding", 3, 150, TOOLS),
            spec("construction.tools.pump", 4, 180, TOOLS),
            spec("construction.tools.generator", 2, 400, TOOLS),
            spec("construction.tools.screw", 1.5, 60, TOOLS),
            spec("construction.tools.light", 1, 20, TOOLS),
            spec("auto.accessories.player", 3, 80, AUTO),
            spec("auto.accessories.videoregister", 3, 70, AUTO),
            spec("auto.accessories.alarm", 2, 150, AUTO),
            spec("auto.accessories.compressor", 2, 40, AUTO),
            spec("auto.accessories.radar", 1, 90, AUTO),
            spec("kids.toys", 5, 30, KIDS),
            spec("kids.carriage", 2, 300, KIDS),
            spec("kids.skates", 2, 50, KIDS),
            spec("kids.swing", 1, 60, KIDS),
            spec("kids.fmcg.diapers", 2, 20, KIDS),
            spec("sport.bicycle", 4, 300, SPORT),
            spec("sport.trainer", 2, 400, SPORT),
            spec("sport.tennis", 0.8, 40, SPORT),
            spec("sport.ski", 0.8, 200, SPORT),
            spec("accessories.bag", 3, 50, ACCESSORY),
            spec("accessories.wallet", 1, 30, ACCESSORY),
            spec("accessories.umbrella", 0.5, 20, ACCESSORY),
            spec("medicine.tools.tonometer", 1, 40, MEDICINE),
            spec("stationery.cartrige", 1.5, 40, STATIONERY),
            spec("stationery", 0.5, 10, STATIONERY),
            spec("country_yard.lawn_mower", 1.5, 200, YARD),
            spec("country_yard.cultivator", 1, 300, YARD),
            spec("country_yard.watering", 0.8, 30, YARD),
            spec("country_yard", 0.5, 50, YARD));

    /**
      * Categories without a code: 3 of every 7 named ones gives ~30% of all categories, and their
      * summed weight is a fixed share of the named weight so ~30% of views carry an empty code.
      */
    static final int UNNAMED_COUNT = NAMED.size() * 3 / 7;
    static final double UNNAMED_WEIGHT_SHARE = 0.42;

    private Taxonomy() {}

    private static Spec spec(String code, double weight, double medianPrice, String[] brands) {
        return new Spec(code, weight, medianPrice, brands);
    }

    private static String[] brands(String spaceSeparated) {
        return spaceSeparated.split(" ");
    }
}
